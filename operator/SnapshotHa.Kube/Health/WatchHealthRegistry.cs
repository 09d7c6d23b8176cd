using System.Collections.Concurrent;

namespace SnapshotHa.Kube.Health;

/// <summary>
/// Tracks every running watch loop: when it last made progress (a list, event, bookmark or reconnect) and whether
/// its initial list completed. Read by <c>/healthz</c> and <c>/readyz</c>. Thread-safe.
/// </summary>
/// <param name="timeProvider">The clock.</param>
public sealed class WatchHealthRegistry(TimeProvider timeProvider)
{
    private readonly ConcurrentDictionary<string, WatchLoopState> _loops = new(StringComparer.Ordinal);

    /// <summary>Registers a watch loop that started (it is not listed yet).</summary>
    /// <param name="kind">The watched kind.</param>
    public void Started(string kind) => _loops[kind] = new WatchLoopState(timeProvider.GetUtcNow(), false);

    /// <summary>Records that the loop listed its kind.</summary>
    /// <param name="kind">The watched kind.</param>
    public void Listed(string kind) => _loops[kind] = new WatchLoopState(timeProvider.GetUtcNow(), true);

    /// <summary>Records an event, bookmark or a normal reconnect.</summary>
    /// <param name="kind">The watched kind.</param>
    public void Progressed(string kind) =>
        _loops.AddOrUpdate(
            kind,
            static (_, now) => new WatchLoopState(now, false),
            static (_, state, now) => state with { LastProgress = now },
            timeProvider.GetUtcNow());

    /// <summary>Unregisters a loop that stopped (shutdown or lost leadership).</summary>
    /// <param name="kind">The watched kind.</param>
    public void Stopped(string kind) => _loops.TryRemove(kind, out _);

    /// <summary>Returns the kinds whose loops made no progress within <paramref name="stallTimeout"/>.</summary>
    /// <param name="stallTimeout">The longest tolerated silence.</param>
    /// <returns>The stalled kinds; empty when healthy.</returns>
    public IReadOnlyList<string> StalledKinds(TimeSpan stallTimeout)
    {
        var now = timeProvider.GetUtcNow();
        return [.. _loops.Where(p => now - p.Value.LastProgress > stallTimeout).Select(p => p.Key).Order(StringComparer.Ordinal)];
    }

    /// <summary>Returns the kinds whose loops have not completed their initial list.</summary>
    /// <returns>The unlisted kinds; empty when ready.</returns>
    public IReadOnlyList<string> UnlistedKinds() =>
        [.. _loops.Where(p => !p.Value.Listed).Select(p => p.Key).Order(StringComparer.Ordinal)];

    private sealed record WatchLoopState(DateTimeOffset LastProgress, bool Listed);
}
