namespace SnapshotHa.Operator.Policies;

/// <summary>
/// Keeps snapshot overhead within a budget: the interval is at least the measured snapshot (stun) time divided by the
/// budget (5 s at 1 % → 8 min 20 s), tightened towards the RPO target when the measurements allow, and always within
/// the minimum and maximum interval.
/// </summary>
public sealed class AdaptiveStrategy : IScheduleStrategy
{
    /// <summary>The snapshot time assumed before anything was measured (the paper's disk-only figure).</summary>
    public static readonly TimeSpan DefaultSnapshotTime = TimeSpan.FromSeconds(8);

    /// <inheritdoc />
    public ScheduleMode Mode => ScheduleMode.Adaptive;

    /// <summary>Computes the interval the strategy applies for a measured snapshot time.</summary>
    public static TimeSpan EffectiveInterval(ScheduleSettings settings, TimeSpan? measuredSnapshotTime)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var budget = settings.OverheadBudget
            ?? throw new ArgumentException("schedule.overheadBudgetPercent is required in Adaptive mode", nameof(settings));
        var floor = ScheduleMath.MinimumInterval(measuredSnapshotTime ?? DefaultSnapshotTime, budget);
        var wanted = settings.RpoTarget is { } rpo ? ScheduleMath.Max(floor, rpo) : ScheduleMath.Max(floor, settings.Interval);
        return ScheduleMath.Clamp(wanted, ScheduleMath.Max(settings.MinInterval, floor), settings.MaxInterval);
    }

    /// <inheritdoc />
    public ScheduleDecision Decide(ScheduleSettings settings, ScheduleInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return ScheduleMath.DueAfter(input, EffectiveInterval(settings, input.MeasuredSnapshotTime), "AdaptiveIntervalElapsed");
    }
}
