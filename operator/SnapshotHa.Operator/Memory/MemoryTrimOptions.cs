namespace SnapshotHa.Operator.Memory;

/// <summary>When <see cref="MemoryTrim"/> returns memory to the operating system.</summary>
/// <param name="CheckInterval">How often the GC's state is looked at.</param>
/// <param name="MinInterval">The least time between two trims.</param>
/// <param name="MinFreeBytes">
/// Free committed memory (committed minus live) below which nothing is done; the threshold is this or half the live
/// heap, whichever is larger.
/// </param>
public sealed record MemoryTrimOptions(TimeSpan CheckInterval, TimeSpan MinInterval, long MinFreeBytes)
{
    /// <summary>Every 30 s, at most every 5 min, when at least 32 MiB (or half the live heap) is free.</summary>
    public static MemoryTrimOptions Default { get; } = new(TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(5), 32L * 1024 * 1024);

    /// <summary>
    /// Gets a value indicating whether trims happen at all: off where the operator shares its process with others (the
    /// sandbox, whose API server and tests would stop with every blocking collection).
    /// </summary>
    public bool Enabled { get; init; } = true;
}
