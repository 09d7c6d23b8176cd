using Prometheus;

namespace SnapshotHa.Operator.Telemetry;

/// <summary>The prometheus-net default collectors the operator exports besides its own.</summary>
public static class DefaultMetrics
{
    /// <summary>
    /// Keeps the process and GC metrics (<c>process_*</c>, <c>dotnet_*</c>) and drops the EventCounter and Meter
    /// adapters and prometheus-net's debug metrics: their names break Prometheus conventions (<c>*_count</c> gauges,
    /// <c>*_total</c> gauges) that <c>promtool check metrics</c> rejects. Call before the default registry is first
    /// collected; later calls change nothing.
    /// </summary>
    public static void Configure() => Prometheus.Metrics.SuppressDefaultMetrics(new SuppressDefaultMetricOptions
    {
        SuppressProcessMetrics = false,
        SuppressDebugMetrics = true,
        SuppressEventCounters = true,
        SuppressMeters = true,
    });
}
