namespace SnapshotHa.Api.Common;

/// <summary>Parses the Go-style durations the resources use (<c>90s</c>, <c>15m</c>, <c>1h30m</c>, <c>1.5h</c>, <c>250ms</c>).</summary>
public static class GoDuration
{
    /// <summary>Parses a duration; returns false for text that does not match <see cref="Patterns.Duration"/> or overflows.</summary>
    public static bool TryParse(string? text, out TimeSpan duration) => GoDurationSyntax.TryParse(text, out duration);

    /// <summary>Parses a duration the schema already validated.</summary>
    /// <exception cref="FormatException">The text is not a duration such as <c>15m</c>.</exception>
    public static TimeSpan Parse(string text) =>
        TryParse(text, out var duration) ? duration : throw new FormatException($"\"{text}\" is not a duration such as 90s, 15m or 1h30m.");
}
