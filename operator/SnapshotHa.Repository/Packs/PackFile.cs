namespace SnapshotHa.Repository.Packs;

/// <summary>
/// The layout of pack files: <c>packs/NAME.pack</c> is an 8-byte header (magic <c>SHPK</c>, u8 version 1, three zero
/// bytes) followed by encoded objects back to back (each in the object codec's form: header and raw or zstd content);
/// <c>packs/NAME.idx</c> (<see cref="PackIndexFile"/>) says where each object lies. NAME is the first 32 hex digits of
/// the index's checksum. A pack counts only once its index exists: the pack is fsynced and renamed into place before
/// its index is written, so an index always names a complete, durable pack.
/// </summary>
public static class PackFile
{
    /// <summary>The directory of packs inside a repository.</summary>
    public const string DirectoryName = "packs";

    /// <summary>The extension of pack data files.</summary>
    public const string PackExtension = ".pack";

    /// <summary>The extension of pack index files.</summary>
    public const string IndexExtension = ".idx";

    /// <summary>The header length of a pack file.</summary>
    public const int HeaderSize = 8;

    /// <summary>Gets the header every pack file starts with.</summary>
    public static ReadOnlySpan<byte> Header => "SHPK\u0001\0\0\0"u8;

    /// <summary>Gets the name of a pack from its serialized index.</summary>
    public static string NameOf(ReadOnlySpan<byte> index) => Convert.ToHexStringLower(index[^PackIndexFile.TrailerSize..][..16]);
}
