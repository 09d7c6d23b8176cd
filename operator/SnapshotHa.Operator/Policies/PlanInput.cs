namespace SnapshotHa.Operator.Policies;

/// <summary>The parameters of the paper's availability model HA = Fn(f, ct, st, mt, rt).</summary>
/// <param name="SnapshotTime">ct: how long snapshot creation holds (stuns) the VM.</param>
/// <param name="BudgetLow">The lower bound of the overhead budget (a fraction).</param>
/// <param name="BudgetHigh">The upper bound of the overhead budget (a fraction; equal to the lower for one value).</param>
/// <param name="ChangeRateBytesPerSecond">How fast the guest dirties its disks.</param>
/// <param name="ShipBytesPerSecond">Throughput of shipping a frozen layer to the repository.</param>
/// <param name="MergeBytesPerSecond">Throughput of merging a layer into the committed image.</param>
/// <param name="MergeOverhead">mt's fixed part: the time of merging an empty delta.</param>
/// <param name="DetectionTime">Heartbeat interval × misses before a failure is declared.</param>
/// <param name="RestoreTime">rt: materialize, upload and register the image (zero with a standby).</param>
/// <param name="BootTime">st: powering on and booting the recovered VM.</param>
/// <param name="RpoTarget">The recovery point objective, when one is set.</param>
public sealed record PlanInput(
    TimeSpan SnapshotTime,
    double BudgetLow,
    double BudgetHigh,
    double ChangeRateBytesPerSecond,
    double ShipBytesPerSecond,
    double MergeBytesPerSecond,
    TimeSpan MergeOverhead,
    TimeSpan DetectionTime,
    TimeSpan RestoreTime,
    TimeSpan BootTime,
    TimeSpan? RpoTarget);
