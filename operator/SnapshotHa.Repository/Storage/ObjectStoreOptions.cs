namespace SnapshotHa.Repository.Storage;

/// <summary>How new objects are written.</summary>
/// <param name="CompressionLevel">zstd level for new objects; 0 stores them uncompressed.</param>
/// <param name="FsyncEachObject">
/// Fsync every new object as it is written (on the writing worker) instead of one syncfs of the whole file system
/// before a commit. The single syncfs is cheaper on a volume of its own; on a file system shared with other busy
/// writers it also waits for their data, and per-object fsync is cheaper.
/// </param>
public sealed record ObjectStoreOptions(int CompressionLevel = 1, bool FsyncEachObject = false)
{
    /// <summary>Gets the largest uncompressed object accepted (a chunk or an index page).</summary>
    public const int MaxObjectSize = 16 * 1024 * 1024;

    /// <summary>The default size at which a pack is committed and a new one started.</summary>
    public const long DefaultPackSizeLimit = 1L << 30;

    /// <summary>
    /// Gets whether new objects are appended to pack files (default) rather than written one file each (loose, the
    /// layout of format version 1; loose objects stay readable in either mode).
    /// </summary>
    public bool Packed { get; init; } = true;

    /// <summary>Gets the size at which a pack being written is committed and a new one started (default 1 GiB).</summary>
    public long PackSizeLimit { get; init; } = DefaultPackSizeLimit;
}
