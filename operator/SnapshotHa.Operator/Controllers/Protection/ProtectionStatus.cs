using SnapshotHa.Api.Common;
using SnapshotHa.Api.Policies;
using SnapshotHa.Api.Protection;
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
            PowerState = facts.PowerState switch
            {
                Vim.VirtualMachines.VirtualMachinePowerState.PoweredOn => VmPowerState.PoweredOn,
                Vim.VirtualMachines.VirtualMachinePowerState.Suspended => VmPowerState.Suspended,
                _ => VmPowerState.PoweredOff,
            },
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

        UpdateRpo(pvm, context, time);
    }

    /// <summary>The policy's <c>rpoTarget</c>; 15 minutes when unset.</summary>
    public static TimeSpan RpoTarget(SnapshotPolicy policy) =>
        GoDuration.TryParse(policy.Spec.RpoTarget, out var target) ? target : TimeSpan.FromMinutes(15);

    /// <summary>Sets <c>rpoSeconds</c> and <c>RPOMet</c> from the latest committed image.</summary>
    public static void UpdateRpo(ProtectedVM pvm, ProtectionContext context, TimeProvider time)
    {
        var status = pvm.Status;
        if (status.LatestCommittedImage?.PointInTime is not { } pointInTime)
        {
            return;
        }

        var rpo = time.GetUtcNow() - new DateTimeOffset(DateTime.SpecifyKind(pointInTime, DateTimeKind.Utc));
        var seconds = Math.Max(0, (long)rpo.TotalSeconds);
        status.RpoSeconds = seconds;
        var target = RpoTarget(context.Policy);
        var met = rpo <= target;
        status.Set(
            ProtectedVMConditions.RpoMet,
            met,
            met ? ProtectedVMConditions.ReasonWithinTarget : ProtectedVMConditions.ReasonTargetMissed,
            $"The latest committed image is {seconds} s old; the target is {(long)target.TotalSeconds} s",
            pvm.Metadata.Generation,
            time);
    }
}
