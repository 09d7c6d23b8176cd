namespace SnapshotHa.Operator.Controllers.Failovers;

/// <summary>A failure of a protected VM that a failover can answer.</summary>
/// <param name="Reason">The condition reason: HostNotResponding, PoweredOffUnexpectedly or GuestHeartbeatLost.</param>
/// <param name="Message">What was seen, for the Failover's spec.reason.</param>
/// <param name="FailureTime">When the failure happened as far as known (the last good heartbeat or observation).</param>
/// <param name="DetectedTime">When it was detected (threshold reached).</param>
/// <param name="NeedsGracePeriod">Whether the policy's grace period applies before an automatic failover (host heartbeats).</param>
public sealed record DetectedFailure(string Reason, string Message, DateTimeOffset FailureTime, DateTimeOffset DetectedTime, bool NeedsGracePeriod);
