namespace SnapshotHa.Operator.Policies;

/// <summary>Snapshots at a fixed period.</summary>
public sealed class IntervalStrategy : IScheduleStrategy
{
    /// <inheritdoc />
    public ScheduleMode Mode => ScheduleMode.Interval;

    /// <inheritdoc />
    public ScheduleDecision Decide(ScheduleSettings settings, ScheduleInput input)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(input);
        return ScheduleMath.DueAfter(input, settings.Interval, "IntervalElapsed");
    }
}
