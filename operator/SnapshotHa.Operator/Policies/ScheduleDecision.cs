namespace SnapshotHa.Operator.Policies;

/// <summary>A strategy's answer: snapshot now or when to look again, and the interval the VM effectively gets.</summary>
/// <param name="SnapshotNow">True when a snapshot is due now.</param>
/// <param name="NextCheckAt">When to evaluate again if no snapshot is taken now (or after it completes).</param>
/// <param name="EffectiveInterval">The interval the strategy currently applies, for status and RPO estimates.</param>
/// <param name="Reason">A CamelCase reason for status and events, such as <c>IntervalElapsed</c>.</param>
public sealed record ScheduleDecision(bool SnapshotNow, DateTimeOffset NextCheckAt, TimeSpan EffectiveInterval, string Reason);
