using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace SnapshotHa.Operator.Memory;

/// <summary>
/// Returns memory that a burst of reconciles left committed to the operating system, the way the JVM's G1 uncommits
/// memory periodically (JEP 346): the background GC never compacts and gives free space back only slowly, so after the
/// ramp of thousands of ProtectedVMs or a policy change that wakes them all, the process kept tens of MiB it no longer
/// used. Every <see cref="MemoryTrimOptions.CheckInterval"/> this looks at the last collection; when the free committed
/// memory exceeds <see cref="MemoryTrimOptions.MinFreeBytes"/> (or half the live heap, if larger) and no trim ran
/// within <see cref="MemoryTrimOptions.MinInterval"/>, it runs one aggressive collection (blocking, compacting,
/// decommitting). A trim of a heap of 50–100 MB takes tens of milliseconds, at most once per interval.
/// </summary>
/// <param name="options">Intervals and threshold.</param>
/// <param name="gc">The garbage collector.</param>
/// <param name="timeProvider">Clock and timer.</param>
/// <param name="logger">Logs trims.</param>
public sealed class MemoryTrim(MemoryTrimOptions options, IGcControl gc, TimeProvider timeProvider, ILogger<MemoryTrim> logger) : BackgroundService
{
    private DateTimeOffset? _lastTrim;

    /// <summary>Trims now if the GC holds enough free memory and the last trim is long enough ago.</summary>
    /// <returns>Whether a trim ran.</returns>
    public bool TrimIfWorthIt()
    {
        var now = timeProvider.GetUtcNow();
        if (_lastTrim is { } last && now - last < options.MinInterval)
        {
            return false;
        }

        var before = gc.Read();
        var free = before.CommittedBytes - before.LiveBytes;
        if (free < Math.Max(options.MinFreeBytes, before.LiveBytes / 2))
        {
            return false;
        }

        gc.CollectAndDecommit();
        _lastTrim = now;
        var after = gc.Read();
        Log.MemoryTrimmed(logger, before.CommittedBytes / 1048576.0, after.CommittedBytes / 1048576.0, after.LiveBytes / 1048576.0);
        return true;
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Enabled)
        {
            return;
        }

        using var timer = new PeriodicTimer(options.CheckInterval, timeProvider);
        while (await Hosting.PeriodicTicks.NextAsync(timer, stoppingToken))
        {
            TrimIfWorthIt();
        }
    }
}
