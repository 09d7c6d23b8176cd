using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using SnapshotHa.Kube.Metrics;

namespace SnapshotHa.Operator.SandboxRuntime.Scale;

/// <summary>
/// Reads the running sandbox's counters: the operator's <c>/metrics</c>, the API server's request counts, the
/// simulator's vim25 call counts, CPU and memory of both processes, and the ProtectedVM work-queue depth.
/// </summary>
/// <param name="environment">The running sandbox (operator started).</param>
/// <param name="metricsUrl">The operator's <c>/metrics</c>.</param>
/// <param name="http">Scrapes the metrics.</param>
/// <param name="timeProvider">The clock.</param>
public sealed class ScaleProbe(SandboxEnvironment environment, Uri metricsUrl, HttpClient http, TimeProvider timeProvider)
{
    /// <summary>The controller label of the ProtectedVM controller.</summary>
    public const string Controller = "protectedvm";

    private readonly Prometheus.Gauge.Child _depth = Prometheus.Metrics
        .WithCustomRegistry((environment.Operator ?? throw new InvalidOperationException("The operator is not running."))
            .Services.GetRequiredService<ControllerMetrics>().Registry)
        .CreateGauge("snapshotha_workqueue_depth", "Current depth of the work queue.", new Prometheus.GaugeConfiguration { LabelNames = ["name"] })
        .WithLabels(Controller);

    /// <summary>Gets the ProtectedVM keys waiting for a worker (the <c>snapshotha_workqueue_depth</c> gauge, read in process).</summary>
    public int QueueDepth => (int)_depth.Value;

    /// <summary>Reads every counter.</summary>
    /// <param name="cancellationToken">Cancels the reads.</param>
    /// <returns>The readings.</returns>
    public async Task<ScaleReading> ReadAsync(CancellationToken cancellationToken)
    {
        var metrics = MetricsScrape.Parse(await http.GetStringAsync(metricsUrl, cancellationToken));
        var stats = await environment.Simulator.Control.StatsAsync(cancellationToken);
        var calls = (stats["calls"] as JsonObject ?? []).ToDictionary(p => p.Key, p => p.Value?.GetValue<double>() ?? 0, StringComparer.Ordinal);
        return new ScaleReading(
            metrics,
            environment.Server.RequestCounts(),
            calls,
            ProcessUsage.Of(Environment.ProcessId, timeProvider),
            ProcessUsage.Of(environment.Simulator.ProcessId, timeProvider));
    }

    /// <summary>The machine's 1-minute load average, or -1 where <c>/proc/loadavg</c> does not exist.</summary>
    /// <returns>The load average.</returns>
    public static double LoadAverage() =>
        File.Exists("/proc/loadavg")
            ? double.Parse(File.ReadAllText("/proc/loadavg").Split(' ')[0], CultureInfo.InvariantCulture)
            : -1;
}
