using SnapshotHa.Api.Common;
using SnapshotHa.Api.Policies;
using SnapshotHa.Operator.Policies;
using EngineMode = SnapshotHa.Operator.Policies.ScheduleMode;

namespace SnapshotHa.Operator.Controllers.Policies;

/// <summary>Turns a SnapshotPolicy's schedule into the policy engine's settings, validating as it goes.</summary>
public static class PolicySchedule
{
    /// <summary>Bounds used when a mode's min/max interval is not given.</summary>
    public static readonly TimeSpan DefaultMinInterval = TimeSpan.FromMinutes(1);

    /// <summary>The longest gap between snapshots when the policy does not bound it.</summary>
    public static readonly TimeSpan DefaultMaxInterval = TimeSpan.FromHours(24);

    /// <summary>Converts and validates <paramref name="spec"/>.</summary>
    /// <param name="spec">The policy spec.</param>
    /// <returns>The engine settings.</returns>
    /// <exception cref="FormatException">A field is missing or malformed; the message names it.</exception>
    public static ScheduleSettings From(SnapshotPolicySpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var schedule = spec.Schedule;
        var rpo = Duration(spec.RpoTarget, "spec.rpoTarget");
        var min = Duration(schedule.MinInterval, "spec.schedule.minInterval");
        var max = Duration(schedule.MaxInterval, "spec.schedule.maxInterval");
        var mode = schedule.Mode switch
        {
            Api.Policies.ScheduleMode.Interval => EngineMode.Interval,
            Api.Policies.ScheduleMode.DeltaThreshold => EngineMode.DeltaThreshold,
            _ => EngineMode.Adaptive,
        };
        var interval = Duration(schedule.Interval, "spec.schedule.interval");
        if (mode == EngineMode.Interval && interval is null)
        {
            throw new FormatException("spec.schedule.interval is required when mode is Interval");
        }

        if (mode == EngineMode.DeltaThreshold && schedule.DeltaThresholdBytes is not > 0)
        {
            throw new FormatException("spec.schedule.deltaThresholdBytes is required when mode is DeltaThreshold");
        }

        if (mode == EngineMode.Adaptive && schedule.OverheadBudgetPercent is not (> 0 and <= 100))
        {
            throw new FormatException("spec.schedule.overheadBudgetPercent is required (1..50) when mode is Adaptive");
        }

        var minimum = min ?? (interval is { } i && i < DefaultMinInterval ? i : DefaultMinInterval);
        var maximum = max ?? (interval ?? DefaultMaxInterval);
        if (minimum > maximum)
        {
            throw new FormatException("spec.schedule.minInterval must not exceed spec.schedule.maxInterval");
        }

        return new ScheduleSettings(
            mode,
            interval ?? maximum,
            schedule.DeltaThresholdBytes,
            schedule.OverheadBudgetPercent / 100.0,
            minimum,
            maximum,
            rpo);
    }

    private static TimeSpan? Duration(string? text, string field)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        return GoDuration.TryParse(text, out var value) && value > TimeSpan.Zero
            ? value
            : throw new FormatException($"{field} '{text}' is not a positive duration such as 90s, 15m or 1h30m");
    }
}
