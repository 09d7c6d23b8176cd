using System.Diagnostics;

namespace SnapshotHa.Operator.SandboxRuntime.Scale;

/// <summary>CPU time and resident memory of one process at one moment.</summary>
/// <param name="Cpu">User plus system CPU time so far.</param>
/// <param name="RssBytes">Resident set size.</param>
/// <param name="At">When it was read (monotonic).</param>
public sealed record ProcessUsage(TimeSpan Cpu, long RssBytes, TimeSpan At)
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
        return new ProcessUsage(process.TotalProcessorTime, process.WorkingSet64, timeProvider.GetElapsedTime(0));
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
}
