using SnapshotHa.Api.Common;

namespace SnapshotHa.RepositoryCli;

/// <summary>
/// Go-style duration options of the repository commands (<c>--keep-within 24h</c>, <c>--grace 1h30m</c>): the syntax
/// of the resources' durations (GoDurationSyntax, a source file shared with SnapshotHa.Api, which this library does not
/// reference because it pulls in the Kubernetes client that the Native AOT <c>snapshotha</c> leaves out).
/// </summary>
public static class DurationArgument
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
    public static bool TryParse(string? text, out TimeSpan duration) => GoDurationSyntax.TryParse(text, out duration);
}
