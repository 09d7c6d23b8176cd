namespace SnapshotHa.Operator.SandboxRuntime.Scale;

/// <summary>Every counter of the sandbox at one moment.</summary>
/// <param name="Metrics">The operator's <c>/metrics</c>.</param>
/// <param name="KubeCalls">API server requests by verb.</param>
/// <param name="VimCalls">Simulator SOAP calls by method.</param>
/// <param name="Sandbox">CPU and memory of the sandbox process (operator and API server).</param>
/// <param name="Simulator">CPU and memory of the simulator.</param>
public sealed record ScaleReading(
    MetricsScrape Metrics,
    IReadOnlyDictionary<string, long> KubeCalls,
    IReadOnlyDictionary<string, double> VimCalls,
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
    public double? ReconcileQuantileSince(ScaleReading? earlier, double q)
    {
        const string name = "snapshotha_controller_reconcile_time_seconds";
        const string label = "controller=\"" + ScaleProbe.Controller + "\"";
        return HistogramQuantile.Between(earlier?.Metrics.Buckets(name, label) ?? [], Metrics.Buckets(name, label), q);
    }
}
