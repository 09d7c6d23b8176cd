namespace SnapshotHa.Operator.Policies;

/// <summary>
/// The paper's availability model (§V): the snapshot interval is bounded below by ct / budget; RPO follows the interval
/// plus the time to commit a layer; RTO follows detection, the merge in flight, restore and boot.
/// </summary>
public static class HaPlanner
{
    /// <summary>Computes the plan for <paramref name="input"/>.</summary>
    public static Plan Compute(PlanInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var atHigh = ScheduleMath.MinimumInterval(input.SnapshotTime, Math.Max(input.BudgetLow, input.BudgetHigh));
        var atLow = ScheduleMath.MinimumInterval(input.SnapshotTime, Math.Min(input.BudgetLow, input.BudgetHigh));
        var commitLag = input.RpoTarget is { } target ? target - input.SnapshotTime : TimeSpan.Zero;
        var interval = input.RpoTarget is null ? atHigh : ScheduleMath.Max(atHigh, IntervalForRpo(input, commitLag));
        var delta = input.ChangeRateBytesPerSecond * interval.TotalSeconds;
        var shipAndMerge = Seconds(delta, input.ShipBytesPerSecond) + input.MergeOverhead + Seconds(delta, input.MergeBytesPerSecond);
        var worst = interval + input.SnapshotTime + shipAndMerge;
        var average = (interval / 2) + input.SnapshotTime + shipAndMerge;
        var rto = input.DetectionTime + shipAndMerge + input.RestoreTime + input.BootTime;
        bool? met = input.RpoTarget is { } rpo ? worst <= rpo : null;
        return new Plan(atHigh, atLow, interval, delta, shipAndMerge, worst, average, rto, met);
    }

    // The largest interval whose worst-case RPO still fits the target: solve i + ct + (rate·i)/ship + mo + (rate·i)/merge ≤ target.
    private static TimeSpan IntervalForRpo(PlanInput input, TimeSpan budgetAfterSnapshot)
    {
        var perSecond = 1 + PerByte(input.ShipBytesPerSecond, input.ChangeRateBytesPerSecond)
            + PerByte(input.MergeBytesPerSecond, input.ChangeRateBytesPerSecond);
        var seconds = (budgetAfterSnapshot - input.MergeOverhead).TotalSeconds / perSecond;
        return TimeSpan.FromSeconds(Math.Max(0, Math.Floor(seconds)));
    }

    private static double PerByte(double throughput, double rate) => throughput > 0 ? rate / throughput : 0;

    private static TimeSpan Seconds(double bytes, double bytesPerSecond) =>
        bytesPerSecond > 0 ? TimeSpan.FromSeconds(bytes / bytesPerSecond) : TimeSpan.Zero;
}
