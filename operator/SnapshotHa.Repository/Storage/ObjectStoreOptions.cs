namespace SnapshotHa.Repository.Storage;

/// <summary>How new objects are written.</summary>
/// <param name="CompressionLevel">zstd level for new objects; 0 stores them uncompressed.</param>
public sealed record ObjectStoreOptions(int CompressionLevel = 1)
{
    /// <summary>Gets the largest uncompressed object accepted (a chunk or an index page).</summary>
    public const int MaxObjectSize = 16 * 1024 * 1024;
}
