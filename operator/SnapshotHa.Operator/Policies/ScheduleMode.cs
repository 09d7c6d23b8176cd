namespace SnapshotHa.Operator.Policies;

/// <summary>How a snapshot policy decides when to take the next snapshot (the paper's pluggable policy engine).</summary>
public enum ScheduleMode
{
    /// <summary>A fixed period between snapshots.</summary>
    Interval,

    /// <summary>A snapshot when the running delta exceeds a size, bounded by a minimum and a maximum interval.</summary>
    DeltaThreshold,

    /// <summary>The shortest interval that keeps snapshot overhead within a budget, tightened towards the RPO target.</summary>
    Adaptive,
}
