using SnapshotHa.Api.Protection;
using SnapshotHa.Operator.Controllers.Endpoints;
using SnapshotHa.Vim.VirtualMachines;

namespace SnapshotHa.Operator.Controllers.Protection;

/// <summary>
/// Whether what the failure checks see of a VM (power state, host, host heartbeat) differs from what its
/// ProtectedVM's status records, so that the ProtectedVM is reconciled now instead of at its next periodic requeue.
/// </summary>
public static class ObservedDrift
{
    /// <summary>True when <paramref name="pvm"/>'s status is behind <paramref name="facts"/> or <paramref name="heartbeat"/>.</summary>
    /// <param name="pvm">The ProtectedVM.</param>
    /// <param name="facts">The VM's state as just read (power state and host are used).</param>
    /// <param name="heartbeat">The heartbeat of the VM's host, when known.</param>
    /// <returns>True when a reconcile would change the recorded VM facts or the HeartbeatHealthy condition.</returns>
    public static bool IsBehind(ProtectedVM pvm, VirtualMachineFacts facts, HostHeartbeat? heartbeat)
    {
        ArgumentNullException.ThrowIfNull(pvm);
        ArgumentNullException.ThrowIfNull(facts);
        if (pvm.Status?.Vm is not { } recorded || facts.PowerState == VirtualMachinePowerState.Unknown)
        {
            return false;
        }

        var power = ProtectionStatus.PowerState(facts.PowerState);
        var host = heartbeat?.Name ?? facts.Host?.Value;
        return recorded.Moref == facts.Vm.Value
            && (recorded.PowerState != power
                || (host is not null && recorded.Host != host)
                || (heartbeat is not null && !HeartbeatCondition.IsRecorded(pvm, heartbeat)));
    }
}
