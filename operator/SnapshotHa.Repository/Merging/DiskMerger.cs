using SnapshotHa.Disks;
using SnapshotHa.Repository.Indexing;
using SnapshotHa.Repository.Manifests;
using SnapshotHa.Repository.Storage;

namespace SnapshotHa.Repository.Merging;

/// <summary>
/// Merges one layer into one disk of a parent image. Reads only the chunks the layer touches (and of those, the
/// parent's content only where the layer does not cover the whole chunk), applies Data and Zero ranges, hashes and
/// compresses chunks on <see cref="Parallelism"/> dedicated threads (<see cref="MergePipeline"/>), appends the new
/// ones to the store in chunk order, then rewrites only the index pages on the changed paths.
/// Memory is bounded by the number of chunks in flight, whatever the disk size.
/// </summary>
public sealed class DiskMerger(ObjectStore store, RepositoryFormat format)
{
    /// <summary>
    /// Gets or sets the number of merge threads (default: the processor count; each reads, hashes, compresses and
    /// writes in turn, so they keep every core busy without waiting on one another).
    /// </summary>
    public int Parallelism { get; init; } = Environment.ProcessorCount;

    /// <summary>Merges <paramref name="layer"/> onto <paramref name="parent"/> (null: onto an all-zero disk).</summary>
    /// <exception cref="InvalidDataException">The layer's capacity differs from the parent's, or its ranges are malformed.</exception>
    public async Task<DiskMergeResult> MergeAsync(
        string key, DiskImage? parent, IDiskLayer layer, IProgress<MergeProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(layer);
        ArgumentNullException.ThrowIfNull(format);
        if (parent is not null && parent.Capacity != layer.Capacity)
        {
            throw new InvalidDataException(
                $"Disk '{key}': the layer's capacity {layer.Capacity} differs from the parent image's {parent.Capacity}; resizing is not supported.");
        }

        if (layer.Capacity <= 0 || layer.Capacity % 512 != 0)
        {
            throw new InvalidDataException($"Disk '{key}': the layer's capacity {layer.Capacity} is not a positive multiple of 512.");
        }

        var geometry = new IndexGeometry(layer.Capacity, format.ChunkSize, format.IndexFanOut);
        var parentRoot = parent is null ? ContentHash.Zero : ContentHash.Parse(parent.Root);
        if (!await HasAllocatedRangesAsync(layer, cancellationToken))
        {
            // An empty delta: the disk keeps the parent's tree; no pipeline, no threads.
            progress?.Report(new MergeProgress(key, 0, Done: true));
            return new DiskMergeResult(new DiskImage(key, layer.Capacity, parentRoot.ToString()), 0, 0, 0, 0, 0);
        }

        var writer = new ChunkIndexWriter(store, geometry, parentRoot);
        using var planner = new ChunkPlanner(store, geometry, parentRoot, layer, key, cancellationToken);
        var pipeline = new MergePipeline(
            store, planner, writer, format.ChunkSize, Parallelism, bytes => progress?.Report(new MergeProgress(key, bytes, Done: false)));
        await pipeline.RunAsync(cancellationToken);
        var root = writer.Complete();
        progress?.Report(new MergeProgress(key, planner.BytesApplied, Done: true));
        return new DiskMergeResult(
            new DiskImage(key, layer.Capacity, root.ToString()), planner.BytesApplied, pipeline.ChunksTouched, pipeline.ChunksStored, pipeline.BytesStored, writer.PagesWritten);
    }

    private static async Task<bool> HasAllocatedRangesAsync(IDiskLayer layer, CancellationToken cancellationToken)
    {
        await using var ranges = layer.EnumerateAllocatedAsync(cancellationToken).GetAsyncEnumerator(cancellationToken);
        return await ranges.MoveNextAsync();
    }
}
