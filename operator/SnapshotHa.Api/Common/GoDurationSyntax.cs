using System.Globalization;
using System.Text.RegularExpressions;

namespace SnapshotHa.Api.Common;

/// <summary>
/// The Go-style duration syntax (<c>90s</c>, <c>15m</c>, <c>1h30m</c>, <c>1.5h</c>, <c>250ms</c>). One source file
/// compiled into this assembly (<c>GoDuration</c>, <c>Patterns.Duration</c>) and, linked, into
/// SnapshotHa.RepositoryCli, whose commands run in the Native AOT <c>snapshotha</c> without this assembly's Kubernetes
/// dependencies; internal in both, so the two copies never meet.
/// </summary>
internal static partial class GoDurationSyntax
{
    /// <summary>The regular expression of a duration.</summary>
    public const string Pattern = @"^([0-9]+(\.[0-9]+)?(ms|s|m|h))+$";

    /// <summary>Parses a duration; returns false for text that does not match <see cref="Pattern"/>, is longer than 64 characters or overflows.</summary>
    public static bool TryParse(string? text, out TimeSpan duration)
    {
        duration = TimeSpan.Zero;
        if (string.IsNullOrEmpty(text) || text.Length > 64 || !DurationRegex().IsMatch(text))
        {
            return false;
        }

        double milliseconds = 0;
        foreach (Match part in PartRegex().Matches(text))
        {
            var value = double.Parse(part.Groups[1].Value, CultureInfo.InvariantCulture);
            milliseconds += part.Groups[2].Value switch
            {
                "ms" => value,
                "s" => value * 1_000,
                "m" => value * 60_000,
                _ => value * 3_600_000,
            };
        }

        if (milliseconds >= TimeSpan.MaxValue.TotalMilliseconds)
        {
            return false;
        }

        duration = TimeSpan.FromMilliseconds(milliseconds);
        return true;
    }

    [GeneratedRegex(Pattern, RegexOptions.CultureInvariant)]
    private static partial Regex DurationRegex();

    [GeneratedRegex("([0-9]+(?:\\.[0-9]+)?)(ms|s|m|h)", RegexOptions.CultureInvariant)]
    private static partial Regex PartRegex();
}
