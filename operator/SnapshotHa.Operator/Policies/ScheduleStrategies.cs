namespace SnapshotHa.Operator.Policies;

/// <summary>The built-in strategies by mode.</summary>
public sealed class ScheduleStrategies(IEnumerable<IScheduleStrategy> strategies)
{
    private readonly Dictionary<ScheduleMode, IScheduleStrategy> _byMode = strategies.ToDictionary(s => s.Mode);

    /// <summary>The three built-in strategies.</summary>
    public static ScheduleStrategies BuiltIn { get; } =
        new([new IntervalStrategy(), new DeltaThresholdStrategy(), new AdaptiveStrategy()]);

    /// <summary>Returns the strategy for <paramref name="mode"/>.</summary>
    /// <exception cref="KeyNotFoundException">No strategy implements the mode.</exception>
    public IScheduleStrategy For(ScheduleMode mode) =>
        _byMode.TryGetValue(mode, out var strategy) ? strategy : throw new KeyNotFoundException($"No schedule strategy for mode {mode}");
}
