namespace SnapshotHa.Operator.Policies;

/// <summary>Time arithmetic shared by the strategies and the planner.</summary>
public static class ScheduleMath
{
    /// <summary>
    /// The paper's rule: snapshots that stun the VM for <paramref name="snapshotTime"/> may happen at most once per
    /// <c>snapshotTime / budget</c> to keep the overhead within <paramref name="budget"/> (a fraction, 0 &lt; budget ≤ 1).
    /// </summary>
    public static TimeSpan MinimumInterval(TimeSpan snapshotTime, double budget)
    {
        if (budget is <= 0 or > 1 || double.IsNaN(budget))
        {
            throw new ArgumentOutOfRangeException(nameof(budget), budget, "The overhead budget must be in (0, 1].");
        }

        return TimeSpan.FromSeconds(Math.Ceiling(snapshotTime.TotalSeconds / budget));
    }

    /// <summary>A decision that is due <paramref name="interval"/> after the last snapshot (at once before the first).</summary>
    public static ScheduleDecision DueAfter(ScheduleInput input, TimeSpan interval, string reason)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.LastSnapshotAt is not { } last)
        {
            return new ScheduleDecision(true, input.Now + interval, interval, "FirstSnapshot");
        }

        var due = last + interval;
        return due <= input.Now
            ? new ScheduleDecision(true, input.Now + interval, interval, reason)
            : new ScheduleDecision(false, due, interval, "Waiting");
    }

    /// <summary>The smaller of two times.</summary>
    public static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a <= b ? a : b;

    /// <summary>The larger of two times.</summary>
    public static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a >= b ? a : b;

    /// <summary>The larger of two durations.</summary>
    public static TimeSpan Max(TimeSpan a, TimeSpan b) => a >= b ? a : b;

    /// <summary><paramref name="value"/> limited to [<paramref name="min"/>, <paramref name="max"/>] (min wins if they cross).</summary>
    public static TimeSpan Clamp(TimeSpan value, TimeSpan min, TimeSpan max) => value > max ? Max(max, min) : Max(value, min);
}
