using SnapshotHa.Api.Common;
using SnapshotHa.Api.Policies;
using SnapshotHa.Api.Protection;
using SnapshotHa.Kube.Status;
using SnapshotHa.Operator.Controllers.Endpoints;

namespace SnapshotHa.Operator.Controllers.Protection;

/// <summary>Fills the observed parts of a ProtectedVM's status: VM facts, heartbeat and RPO.</summary>
internal static class ProtectionStatus
{
    /// <summary>Copies the VM facts, the host heartbeat and the RPO into <paramref name="pvm"/>'s status.</summary>
    public static void Observe(ProtectedVM pvm, ProtectionContext context, HostHeartbeat? heartbeat, TimeProvider time)
    {
        var status = pvm.Status;
        var facts = context.Facts;
        var generation = pvm.Metadata.Generation;
        status.ObservedGeneration = generation;
        status.Vm = new VmFacts
        {
            Name = facts.Name,
            Moref = facts.Vm.Value,
            InstanceUuid = facts.InstanceUuid,
            Host = heartbeat?.Name ?? facts.Host?.Value,
            PowerState = PowerState(facts.PowerState),
            Disks = [.. facts.Disks.Select(d => new DiskFacts
            {
                Key = d.Key,
                Label = d.Label,
                FileName = d.Chain.Base.Descriptor.ToString(),
                CapacityBytes = d.CapacityBytes,
            })],
        };
        if (heartbeat is not null)
        {
            HeartbeatCondition.Apply(pvm, heartbeat, time);
        }

        UpdateRpo(pvm, context, time, record: false);
    }

    /// <summary>The API's power state for vSphere's.</summary>
    /// <param name="state">The VM's power state as vSphere reports it.</param>
    /// <returns>PoweredOn, Suspended or PoweredOff (also for an unknown state).</returns>
    public static VmPowerState PowerState(Vim.VirtualMachines.VirtualMachinePowerState state) => state switch
    {
        Vim.VirtualMachines.VirtualMachinePowerState.PoweredOn => VmPowerState.PoweredOn,
        Vim.VirtualMachines.VirtualMachinePowerState.Suspended => VmPowerState.Suspended,
        _ => VmPowerState.PoweredOff,
    };

    /// <summary>The policy's <c>rpoTarget</c>; 15 minutes when unset.</summary>
    public static TimeSpan RpoTarget(SnapshotPolicy policy) =>
        GoDuration.TryParse(policy.Spec.RpoTarget, out var target) ? target : TimeSpan.FromMinutes(15);

    /// <summary>
    /// Sets <c>RPOMet</c> from the latest committed image; <c>rpoSeconds</c> is recorded only when the condition changes
    /// or <paramref name="record"/> (a commit) asks for it, so that the status does not change merely because time
    /// passes (an idle ProtectedVM costs no status write). The condition's message names the point in time, not its age.
    /// </summary>
    /// <param name="pvm">The ProtectedVM whose status is set.</param>
    /// <param name="context">Its policy.</param>
    /// <param name="time">Clock.</param>
    /// <param name="record">True to record <c>rpoSeconds</c> whatever the condition does.</param>
    public static void UpdateRpo(ProtectedVM pvm, ProtectionContext context, TimeProvider time, bool record = true)
    {
        var status = pvm.Status;
        if (status.LatestCommittedImage?.PointInTime is not { } pointInTime)
        {
            return;
        }

        var at = new DateTimeOffset(DateTime.SpecifyKind(pointInTime, DateTimeKind.Utc));
        var rpo = time.GetUtcNow() - at;
        var target = RpoTarget(context.Policy);
        var met = rpo <= target;
        var changed = status.Conditions.FindStatusCondition(ProtectedVMConditions.RpoMet)?.Status != (met ? "True" : "False");
        if (record || changed)
        {
            status.RpoSeconds = Math.Max(0, (long)rpo.TotalSeconds);
        }

        status.Set(
            ProtectedVMConditions.RpoMet,
            met,
            met ? ProtectedVMConditions.ReasonWithinTarget : ProtectedVMConditions.ReasonTargetMissed,
            met
                ? $"The latest committed image (point in time {at:yyyy-MM-ddTHH:mm:ssZ}) is within the target of {(long)target.TotalSeconds} s"
                : $"The latest committed image (point in time {at:yyyy-MM-ddTHH:mm:ssZ}) is older than the target of {(long)target.TotalSeconds} s",
            pvm.Metadata.Generation,
            time);
    }

    /// <summary>When the latest committed image will exceed the RPO target, or null when it already does or none exists.</summary>
    /// <param name="pvm">The ProtectedVM.</param>
    /// <param name="context">Its policy.</param>
    /// <param name="time">Clock.</param>
    /// <returns>The instant RPOMet turns false unless a newer image is committed first.</returns>
    public static DateTimeOffset? RpoDeadline(ProtectedVM pvm, ProtectionContext context, TimeProvider time)
    {
        if (pvm.Status?.LatestCommittedImage?.PointInTime is not { } pointInTime)
        {
            return null;
        }

        var deadline = new DateTimeOffset(DateTime.SpecifyKind(pointInTime, DateTimeKind.Utc)) + RpoTarget(context.Policy);
        return deadline > time.GetUtcNow() ? deadline : null;
    }
}
