using SnapshotHa.Api.Common;

namespace SnapshotHa.Operator.Text;

/// <summary>Go-style durations as Kubernetes users write them: <c>90s</c>, <c>15m</c>, <c>1h30m</c>, <c>250ms</c>.</summary>
public static class DurationText
{
    /// <summary>Parses <paramref name="text"/> with <see cref="GoDuration"/>; <paramref name="field"/> names the option or field in the error.</summary>
    /// <exception cref="FormatException">The text is not a duration.</exception>
    public static TimeSpan Parse(string text, string field) =>
        GoDuration.TryParse(text?.Trim(), out var value)
            ? value
            : throw new FormatException($"{field}: invalid duration \"{text}\": use a number with a unit, such as 90s, 15m or 1h30m");

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
}
