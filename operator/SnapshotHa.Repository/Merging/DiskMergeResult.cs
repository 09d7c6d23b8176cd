using SnapshotHa.Repository.Manifests;

namespace SnapshotHa.Repository.Merging;

/// <summary>What merging one layer into one disk produced.</summary>
/// <param name="Disk">The disk's new state.</param>
/// <param name="BytesApplied">Bytes of allocated ranges the layer held.</param>
/// <param name="ChunksTouched">Chunks the layer changed (rewritten or found unchanged).</param>
/// <param name="ChunksStored">New chunk objects written (others were already in the store or all zero).</param>
/// <param name="BytesStored">Encoded bytes written for new chunk objects.</param>
/// <param name="PagesStored">Index pages written.</param>
public sealed record DiskMergeResult(DiskImage Disk, long BytesApplied, long ChunksTouched, long ChunksStored, long BytesStored, int PagesStored);
