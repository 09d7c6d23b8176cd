using System.Globalization;
using System.Text.RegularExpressions;

namespace SnapshotHa.Api.Common;

/// <summary>Parses the Go-style durations the resources use (<c>90s</c>, <c>15m</c>, <c>1h30m</c>, <c>1.5h</c>, <c>250ms</c>).</summary>
public static partial class GoDuration
{
    /// <summary>Parses a duration; returns false for text that does not match <see cref="Patterns.Duration"/> or overflows.</summary>
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

    /// <summary>Parses a duration the schema already validated.</summary>
    /// <exception cref="FormatException">The text is not a duration such as <c>15m</c>.</exception>
    public static TimeSpan Parse(string text) =>
        TryParse(text, out var duration) ? duration : throw new FormatException($"\"{text}\" is not a duration such as 90s, 15m or 1h30m.");

    [GeneratedRegex(Patterns.Duration, RegexOptions.CultureInvariant)]
    private static partial Regex DurationRegex();

    [GeneratedRegex("([0-9]+(?:\\.[0-9]+)?)(ms|s|m|h)", RegexOptions.CultureInvariant)]
    private static partial Regex PartRegex();
}
