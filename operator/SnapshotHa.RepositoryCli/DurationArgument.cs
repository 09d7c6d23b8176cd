using System.Globalization;
using System.Text.RegularExpressions;

namespace SnapshotHa.RepositoryCli;

/// <summary>
/// Go-style duration options of the repository commands (<c>--keep-within 24h</c>, <c>--grace 1h30m</c>). Accepts
/// exactly what SnapshotHa.Api.Common.GoDuration accepts; this library does not reference the API assembly, which
/// pulls in the Kubernetes client that the Native AOT <c>snapshotha</c> leaves out.
/// </summary>
public static partial class DurationArgument
{
    /// <summary>Parses <paramref name="text"/> such as <c>90s</c>, <c>15m</c>, <c>1h30m</c>, <c>1.5h</c> or <c>250ms</c>.</summary>
    /// <param name="text">The option value; surrounding white space is ignored.</param>
    /// <param name="option">The option named in the error, e.g. <c>--grace</c>.</param>
    /// <exception cref="FormatException">The text is not a duration, or is longer than any TimeSpan.</exception>
    public static TimeSpan Parse(string? text, string option) =>
        TryParse(text?.Trim(), out var value)
            ? value
            : throw new FormatException($"{option}: invalid duration \"{text}\": use a number with a unit, such as 90s, 15m or 1h30m");

    /// <summary>Parses a duration; false for text that is not one or overflows.</summary>
    /// <param name="text">The text.</param>
    /// <param name="duration">The parsed duration, or zero.</param>
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

    [GeneratedRegex(@"^([0-9]+(\.[0-9]+)?(ms|s|m|h))+$", RegexOptions.CultureInvariant)]
    private static partial Regex DurationRegex();

    [GeneratedRegex("([0-9]+(?:\\.[0-9]+)?)(ms|s|m|h)", RegexOptions.CultureInvariant)]
    private static partial Regex PartRegex();
}
