using System.Globalization;

namespace SnapshotHa.Operator.SandboxRuntime.Scale;

/// <summary>
/// One scrape of the operator's <c>/metrics</c> (Prometheus text format), reduced to the series the scale benchmark
/// reads: sums of a metric over the series whose labels match, and the buckets of a histogram.
/// </summary>
/// <param name="Samples">Every sample: metric name, label text (between the braces) and value.</param>
public sealed record MetricsScrape(IReadOnlyList<MetricSample> Samples)
{
    /// <summary>Parses the text format; comment lines and lines that are no sample are skipped.</summary>
    /// <param name="text">The body of <c>/metrics</c>.</param>
    /// <returns>The scrape.</returns>
    public static MetricsScrape Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var samples = new List<MetricSample>();
        foreach (var line in text.Split('\n'))
        {
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            var brace = line.IndexOf('{', StringComparison.Ordinal);
            var close = brace < 0 ? -1 : line.LastIndexOf('}');
            var space = line.IndexOf(' ', close < 0 ? 0 : close);
            if (space < 0 || !double.TryParse(line.AsSpan(space + 1).Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
            {
                continue;
            }

            var name = brace < 0 ? line[..space] : line[..brace];
            var labels = brace < 0 ? string.Empty : line[(brace + 1)..close];
            samples.Add(new MetricSample(name, labels, value));
        }

        return new MetricsScrape(samples);
    }

    /// <summary>The sum of <paramref name="name"/> over the series whose label text contains <paramref name="label"/>.</summary>
    /// <param name="name">The metric name.</param>
    /// <param name="label">A label pair such as <c>controller="protectedvm"</c>; empty for every series.</param>
    /// <returns>The sum, 0 when there is no such series.</returns>
    public double Sum(string name, string label) =>
        Samples.Where(s => s.Name == name && s.Labels.Contains(label, StringComparison.Ordinal)).Sum(s => s.Value);

    /// <summary>The cumulative buckets of histogram <paramref name="name"/> over the series matching <paramref name="label"/>.</summary>
    /// <param name="name">The histogram name without <c>_bucket</c>.</param>
    /// <param name="label">A label pair that selects the series.</param>
    /// <returns>Upper bound → cumulative count, by upper bound (the last one +Inf).</returns>
    public SortedDictionary<double, double> Buckets(string name, string label)
    {
        var buckets = new SortedDictionary<double, double>();
        foreach (var sample in Samples.Where(s => s.Name == name + "_bucket" && s.Labels.Contains(label, StringComparison.Ordinal)))
        {
            var le = LabelValue(sample.Labels, "le");
            var bound = le == "+Inf" ? double.PositiveInfinity : double.Parse(le, NumberStyles.Float, CultureInfo.InvariantCulture);
            buckets[bound] = buckets.GetValueOrDefault(bound) + sample.Value;
        }

        return buckets;
    }

    private static string LabelValue(string labels, string key)
    {
        var start = labels.IndexOf(key + "=\"", StringComparison.Ordinal);
        if (start < 0)
        {
            return string.Empty;
        }

        start += key.Length + 2;
        return labels[start..labels.IndexOf('"', start)];
    }
}
