namespace SnapshotHa.Repository;

/// <summary>
/// The fixed layout parameters of a repository, stored in <c>repository.json</c> when it is created.
/// </summary>
/// <param name="ChunkSize">
/// Bytes per chunk. Default 64 KiB: equal to the grain of hosted sparse and streamOptimized deltas (the most common
/// delta grain), so a scattered grain rewrites one chunk of its own size; smaller chunks would only help the rarer
/// 512 B / 4 KiB grains of vmfsSparse and SEsparse while multiplying objects and index entries (see docs/benchmarks.md).
/// </param>
/// <param name="IndexFanOut">Entries per index page (512 × 32 B = 16 KiB pages; one leaf page covers 32 MiB).</param>
public sealed record RepositoryFormat(int ChunkSize = RepositoryFormat.DefaultChunkSize, int IndexFanOut = RepositoryFormat.DefaultFanOut)
{
    /// <summary>The default chunk size.</summary>
    public const int DefaultChunkSize = 64 * 1024;

    /// <summary>The default index page fan-out.</summary>
    public const int DefaultFanOut = 512;

    /// <summary>The format of repositories whose objects are all loose files (<c>objects/</c>).</summary>
    public const int LooseVersion = 1;

    /// <summary>The format of repositories that may hold pack files (<c>packs/</c>); loose objects stay valid in it.</summary>
    public const int PackedVersion = 2;

    /// <summary>The repository format version: 1 (loose objects only) or 2 (packs and loose objects).</summary>
    public int FormatVersion { get; init; } = LooseVersion;
}
