using SnapshotHa.Disks;
using SnapshotHa.Repository.Indexing;
using SnapshotHa.Repository.Storage;

namespace SnapshotHa.Repository.Merging;

/// <summary>
/// Turns a layer's allocated ranges into batches of the new content of each chunk they touch, ascending: the parent
/// chunk (read only when the layer does not cover the whole chunk) overlaid with the layer's Data and Zero ranges.
/// Reads the layer straight into the batch's buffer (one copy, no staging). Not thread-safe: the pipeline calls it
/// under its planning lock, so the layer is read by one thread at a time and in ascending order.
/// </summary>
internal sealed class ChunkPlanner(ObjectStore store, IndexGeometry geometry, ContentHash parentRoot, IDiskLayer layer, string key, CancellationToken cancellationToken)
    : IDisposable
{
    private readonly ChunkIndexReader _parent = new(store, geometry, parentRoot);
    private readonly IAsyncEnumerator<AllocatedRange> _ranges = layer.EnumerateAllocatedAsync(cancellationToken).GetAsyncEnumerator(cancellationToken);
    private AllocatedRange _range;
    private long _position;
    private long _previousEnd;
    private bool _done;

    /// <summary>Gets the bytes of allocated ranges read so far.</summary>
    public long BytesApplied { get; private set; }

    /// <summary>Fills <paramref name="batch"/> with the next changed chunks; returns false when there are none left.</summary>
    /// <exception cref="InvalidDataException">The layer reported a malformed range, or a parent chunk is malformed.</exception>
    public bool Fill(MergeBatch batch)
    {
        while (batch.Count < batch.Capacity && NextChunk(batch))
        {
        }

        for (var i = 0; i < batch.Count; i++)
        {
            Read(batch, i);
        }

        return batch.Count > 0;
    }

    public void Dispose() => Wait(_ranges.DisposeAsync());

    /// <summary>Plans the next chunk into the batch: its number, length and the segments of the layer inside it.</summary>
    private bool NextChunk(MergeBatch batch)
    {
        if (!EnsureRange())
        {
            return false;
        }

        var i = batch.Count;
        var chunk = _position / geometry.ChunkSize;
        var chunkEnd = (chunk + 1) * geometry.ChunkSize;
        batch.Chunks[i] = chunk;
        batch.Lengths[i] = geometry.ChunkLength(chunk);
        var covered = 0L;
        while (EnsureRange() && _position < chunkEnd)
        {
            var end = Math.Min(_range.End, chunkEnd);
            batch.Segments.Add(_range with { Offset = _position, Length = end - _position });
            covered += end - _position;
            _position = end;
        }

        batch.FirstSegment[i + 1] = batch.Segments.Count;
        batch.Parents[i] = covered < batch.Lengths[i] ? _parent.GetChunk(chunk) : ContentHash.Zero;
        batch.Count = i + 1;
        return true;
    }

    /// <summary>Makes <see cref="_range"/> the range holding <see cref="_position"/>; false at the end of the layer.</summary>
    private bool EnsureRange()
    {
        if (!_done && _position >= _range.End)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!Wait(_ranges.MoveNextAsync()))
            {
                _done = true;
                return false;
            }

            var range = _ranges.Current;
            if (range.Offset < _previousEnd || range.Length <= 0 || range.End > geometry.Capacity || range.Offset % 512 != 0 || range.Length % 512 != 0)
            {
                throw new InvalidDataException(
                    $"Disk '{key}': the layer reported range [{range.Offset}, +{range.Length}), which is unaligned, overlapping, unordered or beyond the capacity {geometry.Capacity}.");
            }

            _previousEnd = range.End;
            _range = range;
            _position = range.Offset;
        }

        return !_done;
    }

    private void Read(MergeBatch batch, int i)
    {
        var content = batch.Content(i);
        var reference = batch.Parents[i];
        if (batch.FirstSegment[i + 1] - batch.FirstSegment[i] != 1 || batch.Segments[batch.FirstSegment[i]].Length != content.Length)
        {
            if (reference.IsZero)
            {
                content.Clear();
            }
            else if (store.Read(reference, content) != content.Length)
            {
                throw new InvalidDataException($"Chunk {reference} of disk '{key}' has the wrong length for chunk {batch.Chunks[i]}.");
            }
        }

        var chunkStart = batch.Chunks[i] * geometry.ChunkSize;
        for (var s = batch.FirstSegment[i]; s < batch.FirstSegment[i + 1]; s++)
        {
            var segment = batch.Segments[s];
            BytesApplied += segment.Length;
            var local = (int)(segment.Offset - chunkStart);
            if (segment.Kind == ExtentKind.Data)
            {
                Wait(layer.ReadAsync(segment.Offset, batch.ContentMemory(i).Slice(local, (int)segment.Length), cancellationToken));
            }
            else
            {
                content.Slice(local, (int)segment.Length).Clear();
            }
        }
    }

    /// <summary>Waits for a value task on this (dedicated) thread; local files complete synchronously, without allocating.</summary>
    private static T Wait<T>(ValueTask<T> task) => task.IsCompletedSuccessfully ? task.Result : task.AsTask().GetAwaiter().GetResult();

    private static void Wait(ValueTask task)
    {
        if (!task.IsCompletedSuccessfully)
        {
            task.AsTask().GetAwaiter().GetResult();
        }
    }
}
