using System.Globalization;
using System.Text.RegularExpressions;

namespace SnapshotHa.Operator.Text;

/// <summary>Go-style durations as Kubernetes users write them: <c>90s</c>, <c>15m</c>, <c>1h30m</c>, <c>250ms</c>.</summary>
public static partial class DurationText
{
    /// <summary>Parses <paramref name="text"/>; <paramref name="field"/> names the option or field in the error.</summary>
    /// <exception cref="FormatException">The text is not a duration.</exception>
    public static TimeSpan Parse(string text, string field)
    {
        ArgumentNullException.ThrowIfNull(text);
        var match = Pattern().Match(text.Trim());
        if (!match.Success || match.Length == 0)
        {
            throw new FormatException($"{field}: invalid duration \"{text}\": use a number with a unit, such as 90s, 15m or 1h30m");
        }

        var total = TimeSpan.Zero;
        foreach (Capture part in match.Groups["part"].Captures)
        {
            var unitStart = part.Value.IndexOfAny(['h', 'm', 's']);
            var number = double.Parse(part.Value[..unitStart], CultureInfo.InvariantCulture);
            total += part.Value[unitStart..] switch
            {
                "h" => TimeSpan.FromHours(number),
                "m" => TimeSpan.FromMinutes(number),
                "s" => TimeSpan.FromSeconds(number),
                _ => TimeSpan.FromMilliseconds(number),
            };
        }

        return total;
    }

    /// <summary>Formats <paramref name="value"/> the way Go prints durations, to whole seconds (<c>8m20s</c>, <c>0s</c>).</summary>
    public static string Format(TimeSpan value)
    {
        var seconds = (long)Math.Round(value.TotalSeconds);
        if (seconds == 0)
        {
            return value.TotalMilliseconds >= 1 ? $"{Math.Round(value.TotalMilliseconds)}ms" : "0s";
        }

        var sign = seconds < 0 ? "-" : string.Empty;
        seconds = Math.Abs(seconds);
        var (h, m, s) = (seconds / 3600, seconds / 60 % 60, seconds % 60);
        return h > 0 ? $"{sign}{h}h{m}m{s}s" : m > 0 ? $"{sign}{m}m{s}s" : $"{sign}{s}s";
    }

    [GeneratedRegex(@"^(?<part>\d+(\.\d+)?(ms|h|m|s))+$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
