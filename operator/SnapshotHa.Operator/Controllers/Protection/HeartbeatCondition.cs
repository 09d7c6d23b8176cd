using SnapshotHa.Api.Protection;
using SnapshotHa.Operator.Controllers.Endpoints;

namespace SnapshotHa.Operator.Controllers.Protection;

/// <summary>
/// The ProtectedVM's <c>HeartbeatHealthy</c> condition from its host's heartbeat: it turns false only once the
/// consecutive misses reach the endpoint's <c>spec.heartbeat.missesBeforeFailure</c>; fewer misses keep it true and
/// say how many were missed, so a single lost probe does not look like a failed host.
/// </summary>
public static class HeartbeatCondition
{
    /// <summary>Sets <c>HeartbeatHealthy</c> on <paramref name="pvm"/> from <paramref name="heartbeat"/>.</summary>
    /// <param name="pvm">The ProtectedVM whose status is set; its status must exist.</param>
    /// <param name="heartbeat">The latest heartbeat of the VM's host.</param>
    /// <param name="time">Clock for the transition time.</param>
    public static void Apply(ProtectedVM pvm, HostHeartbeat heartbeat, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(pvm);
        ArgumentNullException.ThrowIfNull(heartbeat);
        (string Reason, string Message) outcome = heartbeat switch
        {
            { Failed: true } => (
                ProtectedVMConditions.ReasonHostNotResponding,
                $"Host {heartbeat.Name} missed {heartbeat.ConsecutiveMisses} consecutive heartbeats "
                    + $"(failure threshold {heartbeat.MissesBeforeFailure}): {heartbeat.LastError}"),
            { ConsecutiveMisses: > 0 } => (
                ProtectedVMConditions.ReasonHeartbeatsMissed,
                $"Host {heartbeat.Name} missed {heartbeat.ConsecutiveMisses} of {heartbeat.MissesBeforeFailure} heartbeats "
                    + $"allowed before failure: {heartbeat.LastError}"),
            _ => (ProtectedVMConditions.ReasonHostResponding, $"Host {heartbeat.Name} answers heartbeats"),
        };
        pvm.Status.Set(ProtectedVMConditions.HeartbeatHealthy, !heartbeat.Failed, outcome.Reason, outcome.Message, pvm.Metadata.Generation, time);
    }
}
