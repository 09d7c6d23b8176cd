namespace SnapshotHa.Vim;

/// <summary>Reads vim25 enumeration strings (camelCase) into .NET enums.</summary>
internal static class VimEnums
{
    /// <summary>Parses e.g. <c>poweredOn</c> into <c>PoweredOn</c>; unknown or absent text gives <paramref name="fallback"/>.</summary>
    public static TEnum Parse<TEnum>(string? text, TEnum fallback)
        where TEnum : struct, Enum =>
        text is not null && Enum.TryParse<TEnum>(text, ignoreCase: true, out var value) && Enum.IsDefined(value)
            ? value
            : fallback;
}
