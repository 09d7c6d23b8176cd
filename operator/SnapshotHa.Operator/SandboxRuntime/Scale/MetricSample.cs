namespace SnapshotHa.Operator.SandboxRuntime.Scale;

/// <summary>One sample of a Prometheus text scrape.</summary>
/// <param name="Name">The metric name (with <c>_bucket</c>, <c>_sum</c> or <c>_count</c> for histograms).</param>
/// <param name="Labels">The label text between the braces, empty without labels.</param>
/// <param name="Value">The value.</param>
public sealed record MetricSample(string Name, string Labels, double Value);
