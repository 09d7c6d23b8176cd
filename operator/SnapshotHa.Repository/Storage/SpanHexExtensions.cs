using System.Buffers;

namespace SnapshotHa.Repository.Storage;

/// <summary>Hex-digit checks for names read from disk or the command line.</summary>
internal static class SpanHexExtensions
{
    private static readonly SearchValues<char> HexDigits = SearchValues.Create("0123456789abcdefABCDEF");
    private static readonly SearchValues<char> LowerHexDigits = SearchValues.Create("0123456789abcdef");

    /// <summary>Gets whether every character is a hex digit (and there is at least one).</summary>
    public static bool ContainsOnlyHex(this ReadOnlySpan<char> text) => !text.IsEmpty && !text.ContainsAnyExcept(HexDigits);

    /// <summary>Gets whether every character is a lowercase hex digit (and there is at least one).</summary>
    public static bool ContainsOnlyLowerHex(this ReadOnlySpan<char> text) => !text.IsEmpty && !text.ContainsAnyExcept(LowerHexDigits);
}
