namespace SnapshotHa.Operator.SandboxRuntime.Scale;

/// <summary>Every counter of the sandbox at one moment.</summary>
/// <param name="Metrics">The operator's <c>/metrics</c>.</param>
/// <param name="KubeCalls">API server requests by verb.</param>
/// <param name="VimCalls">Simulator SOAP calls by method.</param>
/// <param name="Operator">CPU and memory of the operator (the sandbox process when the operator runs inside it).</param>
/// <param name="Sandbox">CPU and memory of the sandbox process (the API server and the benchmark; the operator too when inside).</param>
/// <param name="Simulator">CPU and memory of the simulator.</param>
public sealed record ScaleReading(
    MetricsScrape Metrics,
    IReadOnlyDictionary<string, long> KubeCalls,
    IReadOnlyDictionary<string, double> VimCalls,
    ProcessUsage Operator,
    ProcessUsage Sandbox,
    ProcessUsage Simulator)
{
    /// <summary>The API server requests since <paramref name="earlier"/>, by verb.</summary>
    /// <param name="earlier">An earlier reading.</param>
    /// <returns>The differences.</returns>
    public IReadOnlyDictionary<string, long> KubeCallsSince(ScaleReading earlier)
    {
        ArgumentNullException.ThrowIfNull(earlier);
        return KubeCalls.ToDictionary(p => p.Key, p => p.Value - earlier.KubeCalls.GetValueOrDefault(p.Key), StringComparer.Ordinal);
    }

    /// <summary>The simulator's SOAP calls since <paramref name="earlier"/>, by method.</summary>
    /// <param name="earlier">An earlier reading.</param>
    /// <returns>The differences (methods not called are left out).</returns>
    public IReadOnlyDictionary<string, double> VimCallsSince(ScaleReading earlier)
    {
        ArgumentNullException.ThrowIfNull(earlier);
        return VimCalls.Select(p => (p.Key, Value: p.Value - earlier.VimCalls.GetValueOrDefault(p.Key)))
            .Where(p => p.Value > 0)
            .ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
    }

    /// <summary>Cycles completed since <paramref name="earlier"/> (every ProtectedVM).</summary>
    /// <param name="earlier">An earlier reading.</param>
    /// <returns>The number of cycles.</returns>
    public double CyclesSince(ScaleReading earlier)
    {
        ArgumentNullException.ThrowIfNull(earlier);
        return Metrics.Sum("snapshotha_cycles_total", string.Empty) - earlier.Metrics.Sum("snapshotha_cycles_total", string.Empty);
    }

    /// <summary>Reconcile latency quantile of the ProtectedVM controller since <paramref name="earlier"/>.</summary>
    /// <param name="earlier">An earlier reading, or null for since the start.</param>
    /// <param name="q">The quantile.</param>
    /// <returns>Seconds, or null without reconciles.</returns>
    public double? ReconcileQuantileSince(ScaleReading? earlier, double q) =>
        QuantileSince(earlier, "snapshotha_controller_reconcile_time_seconds", "controller=\"" + ScaleProbe.Controller + "\"", q);

    /// <summary>Cycle latency quantile (a cycle's start to its end, every ProtectedVM) since <paramref name="earlier"/>.</summary>
    /// <param name="earlier">An earlier reading.</param>
    /// <param name="q">The quantile.</param>
    /// <returns>Seconds, or null without completed cycles.</returns>
    public double? CycleQuantileSince(ScaleReading earlier, double q) =>
        QuantileSince(earlier, "snapshotha_cycle_duration_seconds", string.Empty, q);

    private double? QuantileSince(ScaleReading? earlier, string name, string label, double q) =>
        HistogramQuantile.Between(earlier?.Metrics.Buckets(name, label) ?? [], Metrics.Buckets(name, label), q);
}
