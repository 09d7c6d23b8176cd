using System.Globalization;
using System.Text.RegularExpressions;
using Prometheus;

namespace SnapshotHa.Operator.Tests.Telemetry;

/// <summary>The samples of a Prometheus text-format exposition.</summary>
public sealed partial class ScrapedMetrics(IReadOnlyList<ScrapedMetrics.Sample> samples)
{
    public IReadOnlyList<Sample> Samples { get; } = samples;

    public static ScrapedMetrics Parse(string text)
    {
        var samples = new List<Sample>();
        foreach (var line in text.Split('\n'))
        {
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            var match = SampleLine().Match(line);
            match.Success.Should().BeTrue($"'{line}' is a sample line");
            var labels = LabelPair().Matches(match.Groups["labels"].Value).ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value);
            samples.Add(new Sample(match.Groups["name"].Value, labels, double.Parse(match.Groups["value"].Value, CultureInfo.InvariantCulture)));
        }

        return new ScrapedMetrics(samples);
    }

    public static async Task<ScrapedMetrics> CollectAsync(CollectorRegistry registry)
    {
        using var stream = new MemoryStream();
        await registry.CollectAndExportAsTextAsync(stream);
        return Parse(System.Text.Encoding.UTF8.GetString(stream.ToArray()));
    }

    /// <summary>The samples of <paramref name="name"/> whose labels include every given pair.</summary>
    public IEnumerable<Sample> Of(string name, params (string Label, string Value)[] labels) =>
        Samples.Where(s => s.Name == name && labels.All(l => s.Labels.GetValueOrDefault(l.Label) == l.Value));

    /// <summary>The value of the single sample of <paramref name="name"/> with these labels.</summary>
    public double Value(string name, params (string Label, string Value)[] labels) => Of(name, labels).Should().ContainSingle().Subject.Value;

    public sealed record Sample(string Name, IReadOnlyDictionary<string, string> Labels, double Value);

    [GeneratedRegex(@"^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?<labels>.*)\})? (?<value>\S+)$")]
    private static partial Regex SampleLine();

    [GeneratedRegex("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"")]
    private static partial Regex LabelPair();
}
