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
        var (healthy, reason, message) = Expected(heartbeat);
        pvm.Status.Set(ProtectedVMConditions.HeartbeatHealthy, healthy, reason, message, pvm.Metadata.Generation, time);
    }

    /// <summary>Whether <paramref name="pvm"/>'s status already carries what <paramref name="heartbeat"/> says.</summary>
    /// <param name="pvm">The ProtectedVM.</param>
    /// <param name="heartbeat">The latest heartbeat of the VM's host.</param>
    /// <returns>True when the condition's status, reason and message match.</returns>
    public static bool IsRecorded(ProtectedVM pvm, HostHeartbeat heartbeat)
    {
        ArgumentNullException.ThrowIfNull(pvm);
        var (healthy, reason, message) = Expected(heartbeat);
        var recorded = pvm.Status?.Conditions?.FirstOrDefault(c => c.Type == ProtectedVMConditions.HeartbeatHealthy);
        return recorded is not null && recorded.Status == (healthy ? "True" : "False") && recorded.Reason == reason && recorded.Message == message;
    }

    private static (bool Healthy, string Reason, string Message) Expected(HostHeartbeat heartbeat)
    {
        ArgumentNullException.ThrowIfNull(heartbeat);
        return heartbeat switch
        {
            { Failed: true } => (
                false,
                ProtectedVMConditions.ReasonHostNotResponding,
                $"Host {heartbeat.Name} missed {heartbeat.ConsecutiveMisses} consecutive heartbeats "
                    + $"(failure threshold {heartbeat.MissesBeforeFailure}): {heartbeat.LastError}"),
            { ConsecutiveMisses: > 0 } => (
                true,
                ProtectedVMConditions.ReasonHeartbeatsMissed,
                $"Host {heartbeat.Name} missed {heartbeat.ConsecutiveMisses} of {heartbeat.MissesBeforeFailure} heartbeats "
                    + $"allowed before failure: {heartbeat.LastError}"),
            _ => (true, ProtectedVMConditions.ReasonHostResponding, $"Host {heartbeat.Name} answers heartbeats"),
        };
    }
}
