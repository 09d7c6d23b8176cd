using System.Diagnostics;
using System.Globalization;

namespace SnapshotHa.Operator.SandboxRuntime.Scale;

/// <summary>CPU time and resident memory of one process at one moment.</summary>
/// <param name="Cpu">User plus system CPU time so far (<c>utime + stime</c> of <c>/proc/PID/stat</c>).</param>
/// <param name="RssBytes">Resident set size (<c>VmRSS</c>).</param>
/// <param name="PeakRssBytes">Peak resident set size so far (<c>VmHWM</c> of <c>/proc/PID/status</c>; the current RSS where it is not available).</param>
/// <param name="At">When it was read (monotonic).</param>
public sealed record ProcessUsage(TimeSpan Cpu, long RssBytes, long PeakRssBytes, TimeSpan At)
{
    /// <summary>Reads the usage of process <paramref name="processId"/>.</summary>
    /// <param name="processId">The process id.</param>
    /// <param name="timeProvider">The clock of <see cref="At"/>.</param>
    /// <returns>The usage now.</returns>
    public static ProcessUsage Of(int processId, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        using var process = Process.GetProcessById(processId);
        process.Refresh();
        var rss = process.WorkingSet64;
        return new ProcessUsage(process.TotalProcessorTime, rss, Math.Max(rss, PeakRss(processId)), timeProvider.GetElapsedTime(0));
    }

    /// <summary>The CPU used since <paramref name="earlier"/>, in percent of one core.</summary>
    /// <param name="earlier">An earlier reading of the same process.</param>
    /// <returns>The percentage.</returns>
    public double CpuPercentSince(ProcessUsage earlier)
    {
        ArgumentNullException.ThrowIfNull(earlier);
        var wall = (At - earlier.At).TotalSeconds;
        return wall <= 0 ? 0 : (Cpu - earlier.Cpu).TotalSeconds / wall * 100;
    }

    private static long PeakRss(int processId)
    {
        var status = $"/proc/{processId}/status";
        if (!File.Exists(status))
        {
            return 0;
        }

        var line = File.ReadLines(status).FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        var kib = line?.Split(' ', StringSplitOptions.RemoveEmptyEntries) is [_, var value, ..] ? value : "0";
        return long.TryParse(kib, NumberStyles.None, CultureInfo.InvariantCulture, out var k) ? k * 1024 : 0;
    }
}
