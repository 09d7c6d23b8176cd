namespace SnapshotHa.Operator.Policies;

/// <summary>A strategy's answer: snapshot now or when to look again, and the interval the VM effectively gets.</summary>
/// <param name="SnapshotNow">True when a snapshot is due now.</param>
/// <param name="NextCheckAt">When to evaluate again if no snapshot is taken now (or after it completes).</param>
/// <param name="EffectiveInterval">The interval the strategy currently applies, for status and RPO estimates.</param>
/// <param name="Reason">A CamelCase reason for status and events, such as <c>IntervalElapsed</c>.</param>
/// <param name="WatchesDelta">
/// True when the decision waits for the running delta to grow (DeltaThreshold): <paramref name="NextCheckAt"/> is then
/// only the next poll, and the operator's delta poller, which looks at every such VM of an endpoint in one request,
/// wakes the VM when its delta crosses the threshold; <paramref name="DueBy"/> is when a snapshot is due regardless.
/// </param>
/// <param name="DueBy">When a snapshot is due at the latest without a delta trigger (only with <paramref name="WatchesDelta"/>).</param>
public sealed record ScheduleDecision(
    bool SnapshotNow, DateTimeOffset NextCheckAt, TimeSpan EffectiveInterval, string Reason, bool WatchesDelta = false, DateTimeOffset? DueBy = null)
{
    /// <summary>When the next snapshot is planned: <see cref="DueBy"/> when the delta is watched, else <see cref="NextCheckAt"/>.</summary>
    public DateTimeOffset PlannedAt => DueBy ?? NextCheckAt;
}
