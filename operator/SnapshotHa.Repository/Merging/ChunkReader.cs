using System.Runtime.CompilerServices;
using SnapshotHa.Disks;
using SnapshotHa.Repository.Indexing;
using SnapshotHa.Repository.Storage;

namespace SnapshotHa.Repository.Merging;

/// <summary>
/// Turns a layer's allocated ranges into the new content of each chunk they touch, ascending: the parent chunk
/// (read only when the layer does not cover the whole chunk) overlaid with the layer's Data and Zero ranges.
/// </summary>
internal sealed class ChunkReader(ObjectStore store, IndexGeometry geometry, ContentHash parentRoot, IDiskLayer layer, string key)
{
    private readonly ChunkIndexReader _parent = new(store, geometry, parentRoot);
    private readonly List<AllocatedRange> _segments = [];

    /// <summary>Gets the bytes of allocated ranges read so far.</summary>
    public long BytesApplied { get; private set; }

    public async IAsyncEnumerable<ChunkJob> ReadChangedChunksAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        long current = -1, previousEnd = 0;
        await foreach (var range in layer.EnumerateAllocatedAsync(cancellationToken))
        {
            if (range.Offset < previousEnd || range.Length <= 0 || range.End > geometry.Capacity || range.Offset % 512 != 0 || range.Length % 512 != 0)
            {
                throw new InvalidDataException(
                    $"Disk '{key}': the layer reported range [{range.Offset}, +{range.Length}), which is unaligned, overlapping, unordered or beyond the capacity {geometry.Capacity}.");
            }

            previousEnd = range.End;
            for (var position = range.Offset; position < range.End;)
            {
                var chunk = position / geometry.ChunkSize;
                var end = Math.Min(range.End, (chunk + 1) * geometry.ChunkSize);
                if (chunk != current)
                {
                    if (current >= 0)
                    {
                        yield return await BuildAsync(current, cancellationToken);
                    }

                    _segments.Clear();
                    current = chunk;
                }

                _segments.Add(range with { Offset = position, Length = end - position });
                position = end;
            }
        }

        if (current >= 0)
        {
            yield return await BuildAsync(current, cancellationToken);
        }
    }

    private async Task<ChunkJob> BuildAsync(long chunk, CancellationToken cancellationToken)
    {
        var job = new ChunkJob(chunk, geometry.ChunkLength(chunk));
        try
        {
            var covered = 0L;
            foreach (var segment in _segments)
            {
                covered += segment.Length;
            }

            if (covered < job.Length)
            {
                LoadParent(job);
            }

            var chunkStart = chunk * geometry.ChunkSize;
            foreach (var segment in _segments)
            {
                BytesApplied += segment.Length;
                var local = (int)(segment.Offset - chunkStart);
                if (segment.Kind == ExtentKind.Data)
                {
                    await layer.ReadAsync(segment.Offset, job.Buffer.AsMemory(local, (int)segment.Length), cancellationToken);
                }
                else
                {
                    job.Buffer.AsSpan(local, (int)segment.Length).Clear();
                }
            }

            return job;
        }
        catch
        {
            job.Release();
            throw;
        }
    }

    private void LoadParent(ChunkJob job)
    {
        var reference = _parent.GetChunk(job.Index);
        if (reference.IsZero)
        {
            job.Content.Clear();
            return;
        }

        if (store.Read(reference, job.Content) != job.Length)
        {
            throw new InvalidDataException($"Chunk {reference} of disk '{key}' has the wrong length for chunk {job.Index}.");
        }
    }
}
