using SnapshotHa.Repository.Indexing;
using SnapshotHa.Repository.Packs;
using SnapshotHa.Repository.Storage;

namespace SnapshotHa.Repository.Merging;

/// <summary>
/// The merge of one disk's changed chunks on a few dedicated threads, synchronous code, a fixed ring of reusable
/// batches and no per-chunk allocation. Every worker repeats: take the planning lock, fill the next free batch from
/// the layer (read in ascending order by one thread at a time), then, in parallel with the others, check for zeros,
/// hash (SHA-256) and compress the new chunks; the worker that completes the oldest unwritten batch then writes every
/// consecutive completed batch in order: the new chunks to the pack with one gathered write per batch, straight from
/// the batch's buffer, and their references to the index writer. Memory: the ring (pooled buffers, rented as slots
/// are first used), whatever the disk or delta size.
/// </summary>
internal sealed class MergePipeline
{
    /// <summary>The content bytes one batch carries at most (16 chunks of 64 KiB).</summary>
    private const int BatchBytes = 1 << 20;
    private const int MaxBatchChunks = 16;
    private const int ProgressEveryChunks = 256;

    private readonly ObjectStore _store;
    private readonly ChunkPlanner _planner;
    private readonly ChunkIndexWriter _index;
    private readonly Action<long>? _progress;
    private readonly int _workers;
    private readonly MergeBatch[] _ring;
    private readonly bool[] _encoded;
    private readonly List<PackObject> _items = new(MaxBatchChunks);
    private readonly Lock _planLock = new();
    private readonly object _order = new();
    private readonly TaskCompletionSource _finished = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _nextToPlan;
    private long _nextToWrite;
    private bool _planned;
    private bool _writing;
    private int _running;
    private Exception? _failure;

    public MergePipeline(ObjectStore store, ChunkPlanner planner, ChunkIndexWriter index, int chunkSize, int workers, Action<long>? progress)
    {
        _store = store;
        _planner = planner;
        _index = index;
        _progress = progress;
        _workers = Math.Max(1, workers);
        var perBatch = Math.Clamp(BatchBytes / chunkSize, 1, MaxBatchChunks);
        _ring = new MergeBatch[(2 * _workers) + 2];
        for (var i = 0; i < _ring.Length; i++)
        {
            _ring[i] = new MergeBatch(chunkSize, perBatch);
        }

        _encoded = new bool[_ring.Length];
    }

    /// <summary>Gets the chunks the layer changed (rewritten or found unchanged).</summary>
    public long ChunksTouched { get; private set; }

    /// <summary>Gets the new chunk objects written.</summary>
    public long ChunksStored { get; private set; }

    /// <summary>Gets the encoded bytes written for new chunk objects.</summary>
    public long BytesStored { get; private set; }

    /// <summary>Runs the merge to the end; the index writer then holds every changed reference.</summary>
    /// <exception cref="InvalidDataException">The layer or a parent object is malformed.</exception>
    /// <exception cref="OperationCanceledException">The merge was cancelled.</exception>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var cancel = cancellationToken.Register(() => Fail(new OperationCanceledException(cancellationToken)));
        _running = _workers;
        for (var i = 0; i < _workers; i++)
        {
            new Thread(Work) { IsBackground = true, Name = "merge worker" }.Start();
        }

        try
        {
            await _finished.Task;
        }
        finally
        {
            foreach (var batch in _ring)
            {
                batch.Dispose();
            }
        }
    }

    private void Work()
    {
        try
        {
            while (Plan() is { } batch)
            {
                Encode(batch);
                Complete(batch);
            }
        }
        catch (Exception e)
        {
            Fail(e);
        }
        finally
        {
            if (Interlocked.Decrement(ref _running) == 0)
            {
                lock (_order)
                {
                    if (_failure is not null)
                    {
                        _finished.TrySetException(_failure);
                    }
                    else
                    {
                        _finished.TrySetResult();
                    }
                }
            }
        }
    }

    /// <summary>Fills the next free batch of the ring; null when the layer is done or the merge failed.</summary>
    private MergeBatch? Plan()
    {
        lock (_planLock)
        {
            MergeBatch batch;
            lock (_order)
            {
                while (_failure is null && !_planned && _nextToPlan - _nextToWrite >= _ring.Length)
                {
                    Monitor.Wait(_order);
                }

                if (_failure is not null || _planned)
                {
                    return null;
                }

                batch = _ring[_nextToPlan % _ring.Length];
            }

            batch.Reset(_nextToPlan);
            if (!_planner.Fill(batch))
            {
                lock (_order)
                {
                    _planned = true;
                    return null;
                }
            }

            _nextToPlan++;
            return batch;
        }
    }

    /// <summary>Finds each chunk's reference and whether it is new; compresses the new ones when that pays.</summary>
    private void Encode(MergeBatch batch)
    {
        for (var i = 0; i < batch.Count; i++)
        {
            var content = batch.Content(i);
            batch.IsNew[i] = false;
            if (content.IndexOfAnyExcept((byte)0) < 0)
            {
                batch.References[i] = ContentHash.Zero;
                continue;
            }

            var hash = ContentHash.Compute(content);
            batch.References[i] = hash;
            if (!_store.ContainsCommitted(hash))
            {
                batch.IsNew[i] = true;
                batch.Compressed[i] = _store.TryCompress(content, out batch.CompressedLengths[i]);
            }
        }
    }

    /// <summary>Marks a batch encoded; the worker completing the oldest unwritten batch writes all that are ready, in order.</summary>
    private void Complete(MergeBatch batch)
    {
        lock (_order)
        {
            _encoded[batch.Sequence % _ring.Length] = true;
            if (_writing || _failure is not null || batch.Sequence != _nextToWrite)
            {
                return;
            }

            _writing = true;
        }

        while (true)
        {
            var next = _ring[_nextToWrite % _ring.Length];
            try
            {
                Write(next);
            }
            catch
            {
                lock (_order)
                {
                    _writing = false;
                }

                throw;
            }

            lock (_order)
            {
                _encoded[_nextToWrite % _ring.Length] = false;
                _nextToWrite++;
                Monitor.PulseAll(_order);
                if (_failure is not null || !_encoded[_nextToWrite % _ring.Length])
                {
                    _writing = false;
                    return;
                }
            }
        }
    }

    private void Write(MergeBatch batch)
    {
        _items.Clear();
        for (var i = 0; i < batch.Count; i++)
        {
            batch.BytesWritten[i] = 0;
            if (!batch.IsNew[i])
            {
                continue;
            }

            if (batch.Compressed[i] is { } compressed)
            {
                _items.Add(new PackObject(batch.References[i], compressed.AsMemory(0, batch.CompressedLengths[i]), ReadOnlyMemory<byte>.Empty));
            }
            else
            {
                ObjectCodec.WriteRawHeader(batch.Header(i).Span, batch.Lengths[i]);
                _items.Add(new PackObject(batch.References[i], batch.Header(i), batch.ContentMemory(i)));
            }
        }

        Span<int> written = stackalloc int[_items.Count];
        _store.PutGathered(_items, written);
        batch.ReleaseCompressed();
        var item = 0;
        var before = ChunksTouched;
        for (var i = 0; i < batch.Count; i++)
        {
            _index.Set(batch.Chunks[i], batch.References[i]);
            if (batch.IsNew[i] && written[item++] is var bytes and > 0)
            {
                ChunksStored++;
                BytesStored += bytes;
            }
        }

        ChunksTouched += batch.Count;
        if (ChunksTouched / ProgressEveryChunks != before / ProgressEveryChunks)
        {
            _progress?.Invoke(_planner.BytesApplied);
        }
    }

    private void Fail(Exception e)
    {
        lock (_order)
        {
            _failure ??= e;
            Monitor.PulseAll(_order);
        }
    }
}
