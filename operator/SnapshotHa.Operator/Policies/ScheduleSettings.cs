namespace SnapshotHa.Operator.Policies;

/// <summary>The schedule part of a snapshot policy, in the units the strategies work with.</summary>
/// <param name="Mode">The strategy.</param>
/// <param name="Interval">The period for <see cref="ScheduleMode.Interval"/>.</param>
/// <param name="DeltaThresholdBytes">The running-delta size that triggers a snapshot for <see cref="ScheduleMode.DeltaThreshold"/>.</param>
/// <param name="OverheadBudget">The share of time snapshots may stun the VM for <see cref="ScheduleMode.Adaptive"/> (0.01 = 1 %).</param>
/// <param name="MinInterval">No two snapshots closer than this.</param>
/// <param name="MaxInterval">Never longer than this without a snapshot.</param>
/// <param name="RpoTarget">The recovery point objective the policy aims for.</param>
public sealed record ScheduleSettings(
    ScheduleMode Mode,
    TimeSpan Interval,
    long? DeltaThresholdBytes,
    double? OverheadBudget,
    TimeSpan MinInterval,
    TimeSpan MaxInterval,
    TimeSpan? RpoTarget);
