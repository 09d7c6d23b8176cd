namespace SnapshotHa.Operator.Policies;

/// <summary>
/// Snapshots when the running delta exceeds the threshold, never closer than the minimum interval and never further
/// apart than the maximum interval. Between those bounds it polls the delta size at <see cref="PollInterval"/>.
/// </summary>
public sealed class DeltaThresholdStrategy : IScheduleStrategy
{
    /// <summary>How often the delta size is looked at between the bounds.</summary>
    public static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(30);

    /// <inheritdoc />
    public ScheduleMode Mode => ScheduleMode.DeltaThreshold;

    /// <inheritdoc />
    public ScheduleDecision Decide(ScheduleSettings settings, ScheduleInput input)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(input);
        var threshold = settings.DeltaThresholdBytes
            ?? throw new ArgumentException("schedule.deltaThresholdBytes is required in DeltaThreshold mode", nameof(settings));
        if (input.LastSnapshotAt is not { } last)
        {
            return new ScheduleDecision(true, input.Now, settings.MaxInterval, "FirstSnapshot");
        }

        var elapsed = input.Now - last;
        if (elapsed >= settings.MaxInterval)
        {
            return new ScheduleDecision(true, input.Now + settings.MaxInterval, settings.MaxInterval, "MaxIntervalElapsed");
        }

        if (input.RunningDeltaBytes >= threshold && elapsed >= settings.MinInterval)
        {
            return new ScheduleDecision(true, input.Now + settings.MinInterval, elapsed, "DeltaThresholdExceeded");
        }

        var earliest = last + settings.MinInterval;
        var latest = last + settings.MaxInterval;
        var poll = input.Now + PollInterval;
        var effective = ScheduleMath.Clamp(elapsed, settings.MinInterval, settings.MaxInterval);
        if (input.RunningDeltaBytes >= threshold)
        {
            return new ScheduleDecision(false, earliest, effective, "WaitingForMinInterval");
        }

        var next = ScheduleMath.Min(ScheduleMath.Max(poll, earliest), latest);
        return next < latest
            ? new ScheduleDecision(false, next, effective, "WaitingForDelta", WatchesDelta: true, DueBy: latest)
            : new ScheduleDecision(false, latest, effective, "WaitingForDelta");
    }
}
