using System.Threading.Channels;
using SnapshotHa.Disks;
using SnapshotHa.Repository.Indexing;
using SnapshotHa.Repository.Manifests;
using SnapshotHa.Repository.Storage;

namespace SnapshotHa.Repository.Merging;

/// <summary>
/// Merges one layer into one disk of a parent image. Reads only the chunks the layer touches (and of those, the
/// parent's content only where the layer does not cover the whole chunk), applies Data and Zero ranges, hashes and
/// compresses chunks on <see cref="Parallelism"/> workers, appends the new ones to the store in chunk order on one
/// thread, then rewrites only the index pages on the changed paths.
/// Memory is bounded by the number of chunks in flight, whatever the disk size.
/// </summary>
public sealed class DiskMerger(ObjectStore store, RepositoryFormat format)
{
    private const int ProgressEveryChunks = 256;

    /// <summary>
    /// Gets or sets the number of hashing/compressing/storing workers (default: twice the processor count, as
    /// workers also wait on file creation).
    /// </summary>
    public int Parallelism { get; init; } = Math.Max(2, Environment.ProcessorCount * 2);

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

        var work = Channel.CreateBounded<ChunkBatch>(new BoundedChannelOptions(Parallelism * 2) { SingleWriter = true });
        var ordered = Channel.CreateBounded<ChunkBatch>(new BoundedChannelOptions(Parallelism * 4) { SingleWriter = true, SingleReader = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var reader = new ChunkReader(store, geometry, parentRoot, layer, key);
        var producer = Task.Run(() => ProduceAsync(reader, work.Writer, ordered.Writer, stop.Token), stop.Token);
        // Workers block on file writes: dedicated threads, so they never starve the thread pool the reader and the
        // index writer continue on.
        var workers = Enumerable.Range(0, Parallelism)
            .Select(_ => Task.Factory.StartNew(() => Work(work.Reader, stop.Token), stop.Token, TaskCreationOptions.LongRunning, TaskScheduler.Default))
            .ToArray();
        var writer = new ChunkIndexWriter(store, geometry, parentRoot);
        long touched = 0, stored = 0, bytesStored = 0;
        try
        {
            await foreach (var batch in ordered.Reader.ReadAllAsync(stop.Token))
            {
                await batch.Done.Task;
                StoreNew(batch);
                batch.Release();
                foreach (var job in batch.Jobs)
                {
                    writer.Set(job.Index, job.Outcome.Reference);
                    touched++;
                    if (job.Outcome.BytesWritten > 0)
                    {
                        stored++;
                        bytesStored += job.Outcome.BytesWritten;
                    }
                }

                if (touched / ProgressEveryChunks != (touched - batch.Jobs.Count) / ProgressEveryChunks)
                {
                    progress?.Report(new MergeProgress(key, reader.BytesApplied, Done: false));
                }
            }

            await producer;
        }
        finally
        {
            await stop.CancelAsync();
            await Task.WhenAll(workers.Append(producer)).ContinueWith(static _ => { }, TaskScheduler.Default);
        }

        var root = writer.Complete();
        progress?.Report(new MergeProgress(key, reader.BytesApplied, Done: true));
        return new DiskMergeResult(new DiskImage(key, layer.Capacity, root.ToString()), reader.BytesApplied, touched, stored, bytesStored, writer.PagesWritten);
    }

    /// <summary>
    /// Appends a batch's new chunks to the store in chunk order, on the one thread that consumes batches: the pack is
    /// written sequentially without lock contention, and the same delta gives the same pack on a re-run.
    /// </summary>
    private void StoreNew(ChunkBatch batch)
    {
        foreach (var job in batch.Jobs)
        {
            if (job.IsNew)
            {
                var compressed = job.Compressed;
                job.Compressed = null;
                job.Outcome = job.Outcome with { BytesWritten = store.PutPrepared(job.Outcome.Reference, job.Content, compressed, job.CompressedLength) };
            }
        }
    }

    private static async Task<bool> HasAllocatedRangesAsync(IDiskLayer layer, CancellationToken cancellationToken)
    {
        await using var ranges = layer.EnumerateAllocatedAsync(cancellationToken).GetAsyncEnumerator(cancellationToken);
        return await ranges.MoveNextAsync();
    }

    private static async Task ProduceAsync(ChunkReader reader, ChannelWriter<ChunkBatch> work, ChannelWriter<ChunkBatch> ordered, CancellationToken cancellationToken)
    {
        try
        {
            var batch = new ChunkBatch();
            await foreach (var job in reader.ReadChangedChunksAsync(cancellationToken))
            {
                batch.Jobs.Add(job);
                if (batch.Jobs.Count == ChunkBatch.MaxChunks)
                {
                    await ordered.WriteAsync(batch, cancellationToken);
                    await work.WriteAsync(batch, cancellationToken);
                    batch = new ChunkBatch();
                }
            }

            if (batch.Jobs.Count > 0)
            {
                await ordered.WriteAsync(batch, cancellationToken);
                await work.WriteAsync(batch, cancellationToken);
            }

            work.Complete();
            ordered.Complete();
        }
        catch (Exception e)
        {
            work.TryComplete(e);
            ordered.TryComplete(e);
            throw;
        }
    }

    private void Work(ChannelReader<ChunkBatch> work, CancellationToken cancellationToken)
    {
        while (work.TryRead(out var batch) || WaitToRead(work, cancellationToken))
        {
            if (batch is null)
            {
                continue;
            }

            try
            {
                foreach (var job in batch.Jobs)
                {
                    var content = job.Content;
                    if (content.IndexOfAnyExcept((byte)0) < 0)
                    {
                        job.Outcome = new ChunkOutcome(ContentHash.Zero, 0);
                        continue;
                    }

                    var hash = ContentHash.Compute(content);
                    job.Outcome = new ChunkOutcome(hash, 0);
                    job.IsNew = !store.ContainsCommitted(hash);
                    if (job.IsNew)
                    {
                        job.Compressed = store.TryCompress(content, out var compressedLength);
                        job.CompressedLength = compressedLength;
                    }

                }

                batch.Done.SetResult();
            }
            catch (Exception e)
            {
                batch.Done.SetException(e);
            }
        }
    }

    private static bool WaitToRead(ChannelReader<ChunkBatch> work, CancellationToken cancellationToken)
    {
        try
        {
            return work.WaitToReadAsync(cancellationToken).AsTask().GetAwaiter().GetResult();
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
