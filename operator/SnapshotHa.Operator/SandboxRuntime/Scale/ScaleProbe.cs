using System.Globalization;
using System.Text.Json.Nodes;

namespace SnapshotHa.Operator.SandboxRuntime.Scale;

/// <summary>
/// Reads the running sandbox's counters: the operator's <c>/metrics</c> (reconcile histogram, cycles, work-queue
/// depth), the API server's request counts, the simulator's vim25 call counts, and CPU and memory of the operator,
/// of the sandbox process (the API server) and of the simulator.
/// </summary>
/// <param name="environment">The running sandbox (operator started).</param>
/// <param name="metricsUrl">The operator's <c>/metrics</c>.</param>
/// <param name="http">Scrapes the metrics.</param>
/// <param name="operatorProcessId">The operator's process, or null when it runs inside the sandbox process.</param>
/// <param name="timeProvider">The clock.</param>
public sealed class ScaleProbe(SandboxEnvironment environment, Uri metricsUrl, HttpClient http, int? operatorProcessId, TimeProvider timeProvider)
{
    /// <summary>The controller label of the ProtectedVM controller.</summary>
    public const string Controller = "protectedvm";

    /// <summary>Gets whether the operator runs in its own process.</summary>
    public bool OperatorApart => operatorProcessId is not null;

    /// <summary>Reads the ProtectedVM keys waiting for a worker (the <c>snapshotha_workqueue_depth</c> gauge).</summary>
    /// <param name="cancellationToken">Cancels the scrape.</param>
    /// <returns>The depth.</returns>
    public async Task<int> QueueDepthAsync(CancellationToken cancellationToken) =>
        (int)MetricsScrape.Parse(await http.GetStringAsync(metricsUrl, cancellationToken))
            .Sum("snapshotha_workqueue_depth", "name=\"" + Controller + "\"");

    /// <summary>Reads every counter.</summary>
    /// <param name="cancellationToken">Cancels the reads.</param>
    /// <returns>The readings.</returns>
    public async Task<ScaleReading> ReadAsync(CancellationToken cancellationToken)
    {
        var metrics = MetricsScrape.Parse(await http.GetStringAsync(metricsUrl, cancellationToken));
        var stats = await environment.Simulator.Control.StatsAsync(cancellationToken);
        var calls = (stats["calls"] as JsonObject ?? []).ToDictionary(p => p.Key, p => p.Value?.GetValue<double>() ?? 0, StringComparer.Ordinal);
        var sandbox = ProcessUsage.Of(Environment.ProcessId, timeProvider);
        return new ScaleReading(
            metrics,
            environment.Server.RequestCounts(),
            calls,
            operatorProcessId is { } pid ? ProcessUsage.Of(pid, timeProvider) : sandbox,
            sandbox,
            ProcessUsage.Of(environment.Simulator.ProcessId, timeProvider));
    }

    /// <summary>The machine's 1-minute load average, or -1 where <c>/proc/loadavg</c> does not exist.</summary>
    /// <returns>The load average.</returns>
    public static double LoadAverage() =>
        File.Exists("/proc/loadavg")
            ? double.Parse(File.ReadAllText("/proc/loadavg").Split(' ')[0], CultureInfo.InvariantCulture)
            : -1;
}
