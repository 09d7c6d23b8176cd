namespace SnapshotHa.Disks;

/// <summary>A byte range of the virtual disk that one layer allocates (written or zeroed).</summary>
/// <param name="Offset">Virtual byte offset, a multiple of 512.</param>
/// <param name="Length">Length in bytes, a multiple of 512 and greater than zero.</param>
/// <param name="Kind">Whether the layer holds data or marks zeros.</param>
public readonly record struct AllocatedRange(long Offset, long Length, ExtentKind Kind)
{
    /// <summary>Gets the first byte offset after the range.</summary>
    public long End => Offset + Length;
}
