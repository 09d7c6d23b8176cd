namespace SnapshotHa.Operator.Policies;

/// <summary>What a strategy knows about one protected VM when it decides.</summary>
/// <param name="Now">The current time.</param>
/// <param name="LastSnapshotAt">When our last snapshot was created; null before the first.</param>
/// <param name="RunningDeltaBytes">The size of the layer written since the last snapshot (from the VM's file layout).</param>
/// <param name="MeasuredSnapshotTime">A smoothed measurement of how long snapshot creation stuns the VM; null when unknown.</param>
public sealed record ScheduleInput(
    DateTimeOffset Now,
    DateTimeOffset? LastSnapshotAt,
    long RunningDeltaBytes,
    TimeSpan? MeasuredSnapshotTime);
