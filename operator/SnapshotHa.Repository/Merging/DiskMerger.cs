using System.Threading.Channels;
using SnapshotHa.Disks;
using SnapshotHa.Repository.Indexing;
using SnapshotHa.Repository.Manifests;
using SnapshotHa.Repository.Storage;

namespace SnapshotHa.Repository.Merging;

/// <summary>
/// Merges one layer into one disk of a parent image. Reads only the chunks the layer touches (and of those, the
/// parent's content only where the layer does not cover the whole chunk), applies Data and Zero ranges, hashes and
/// stores chunks on <see cref="Parallelism"/> workers, then rewrites only the index pages on the changed paths.
/// Memory is bounded by the number of chunks in flight, whatever the disk size.
/// </summary>
public sealed class DiskMerger(ObjectStore store, RepositoryFormat format)
{
    private const int ProgressEveryChunks = 256;

    /// <summary>Gets or sets the number of hashing/compressing workers (default: processor count).</summary>
    public int Parallelism { get; init; } = Math.Max(1, Environment.ProcessorCount);

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
        var work = Channel.CreateBounded<ChunkJob>(new BoundedChannelOptions(Parallelism * 2) { SingleWriter = true });
        var ordered = Channel.CreateBounded<ChunkJob>(new BoundedChannelOptions(Parallelism * 4) { SingleWriter = true, SingleReader = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var reader = new ChunkReader(store, geometry, parentRoot, layer, key);
        var producer = Task.Run(() => ProduceAsync(reader, work.Writer, ordered.Writer, stop.Token), stop.Token);
        var workers = Enumerable.Range(0, Parallelism).Select(_ => Task.Run(() => WorkAsync(work.Reader, stop.Token), stop.Token)).ToArray();
        var writer = new ChunkIndexWriter(store, geometry, parentRoot);
        long touched = 0, stored = 0, bytesStored = 0;
        try
        {
            await foreach (var job in ordered.Reader.ReadAllAsync(stop.Token))
            {
                var outcome = await job.Outcome.Task;
                job.Release();
                writer.Set(job.Index, outcome.Reference);
                touched++;
                if (outcome.BytesWritten > 0)
                {
                    stored++;
                    bytesStored += outcome.BytesWritten;
                }

                if (touched % ProgressEveryChunks == 0)
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

    private static async Task ProduceAsync(ChunkReader reader, ChannelWriter<ChunkJob> work, ChannelWriter<ChunkJob> ordered, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var job in reader.ReadChangedChunksAsync(cancellationToken))
            {
                await ordered.WriteAsync(job, cancellationToken);
                await work.WriteAsync(job, cancellationToken);
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

    private async Task WorkAsync(ChannelReader<ChunkJob> work, CancellationToken cancellationToken)
    {
        await foreach (var job in work.ReadAllAsync(cancellationToken))
        {
            try
            {
                var content = job.Content;
                if (content.IndexOfAnyExcept((byte)0) < 0)
                {
                    job.Outcome.SetResult(new ChunkOutcome(ContentHash.Zero, 0));
                    continue;
                }

                var hash = ContentHash.Compute(content);
                job.Outcome.SetResult(new ChunkOutcome(hash, store.Put(hash, content)));
            }
            catch (Exception e)
            {
                job.Outcome.SetException(e);
            }
        }
    }
}
