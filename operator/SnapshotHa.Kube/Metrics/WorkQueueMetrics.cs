using Prometheus;

namespace SnapshotHa.Kube.Metrics;

/// <summary>The labelled collectors of one work queue.</summary>
public sealed class WorkQueueMetrics
{
    private readonly Gauge.Child _depth;
    private readonly Counter.Child _adds;
    private readonly Counter.Child _retries;

    internal WorkQueueMetrics(Gauge.Child depth, Counter.Child adds, Counter.Child retries)
    {
        _depth = depth;
        _adds = adds;
        _retries = retries;
    }

    /// <summary>Sets the current depth.</summary>
    /// <param name="depth">Keys waiting for a worker.</param>
    public void SetDepth(int depth) => _depth.Set(depth);

    /// <summary>Counts one add.</summary>
    public void Added() => _adds.Inc();

    /// <summary>Counts one rate-limited retry.</summary>
    public void Retried() => _retries.Inc();
}
