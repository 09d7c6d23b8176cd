namespace SnapshotHa.Operator.Policies;

/// <summary>What the model predicts for a policy.</summary>
/// <param name="MinimumIntervalAtHighBudget">The shortest interval the larger budget allows.</param>
/// <param name="MinimumIntervalAtLowBudget">The shortest interval the smaller budget allows.</param>
/// <param name="Interval">The interval the adaptive policy would choose (the RPO target when reachable).</param>
/// <param name="DeltaBytesPerInterval">The expected frozen layer size at that interval.</param>
/// <param name="ShipAndMergeTime">The time from snapshot creation to a committed image.</param>
/// <param name="WorstCaseRpo">Interval + ct + ship + merge: the most data a failure can lose.</param>
/// <param name="AverageRpo">Half an interval + ct + ship + merge.</param>
/// <param name="Rto">Detection + the in-flight merge + restore + boot.</param>
/// <param name="RpoTargetMet">Whether the worst-case RPO meets the target; null without a target.</param>
public sealed record Plan(
    TimeSpan MinimumIntervalAtHighBudget,
    TimeSpan MinimumIntervalAtLowBudget,
    TimeSpan Interval,
    double DeltaBytesPerInterval,
    TimeSpan ShipAndMergeTime,
    TimeSpan WorstCaseRpo,
    TimeSpan AverageRpo,
    TimeSpan Rto,
    bool? RpoTargetMet);
