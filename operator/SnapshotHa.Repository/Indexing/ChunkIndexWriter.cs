using System.Buffers;
using SnapshotHa.Repository.Storage;

namespace SnapshotHa.Repository.Indexing;

/// <summary>
/// Applies ascending chunk-reference updates to an existing index tree and stores only the pages on the paths to the
/// changed chunks: untouched subtrees stay shared with the parent image. Memory: one page per level. Not thread-safe.
/// </summary>
public sealed class ChunkIndexWriter
{
    private readonly ObjectStore _store;
    private readonly ChunkIndexReader _old;
    private readonly IndexGeometry _geometry;
    private readonly long[] _pageNumber;
    private readonly ContentHash[][] _entries;
    private readonly bool[] _dirty;
    private ContentHash _root;
    private long _lastChunk = -1;

    /// <summary>Creates a writer that starts from the tree rooted at <paramref name="oldRoot"/>.</summary>
    public ChunkIndexWriter(ObjectStore store, IndexGeometry geometry, ContentHash oldRoot)
    {
        ArgumentNullException.ThrowIfNull(geometry);
        _store = store;
        _geometry = geometry;
        _old = new ChunkIndexReader(store, geometry, oldRoot);
        _root = oldRoot;
        _pageNumber = new long[geometry.Depth];
        _entries = new ContentHash[geometry.Depth][];
        _dirty = new bool[geometry.Depth];
        for (var level = 0; level < geometry.Depth; level++)
        {
            _pageNumber[level] = -1;
            _entries[level] = new ContentHash[geometry.FanOut];
        }
    }

    /// <summary>Gets the number of index pages stored so far.</summary>
    public int PagesWritten { get; private set; }

    /// <summary>Sets the reference of chunk <paramref name="chunkIndex"/>; indices must ascend.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The index is out of range or not ascending.</exception>
    public void Set(long chunkIndex, ContentHash reference)
    {
        if (chunkIndex <= _lastChunk || chunkIndex >= _geometry.ChunkCount)
        {
            throw new ArgumentOutOfRangeException(nameof(chunkIndex), chunkIndex, "Chunk updates must ascend within the disk.");
        }

        _lastChunk = chunkIndex;
        SetAt(0, chunkIndex, reference);
    }

    /// <summary>Stores the remaining changed pages and returns the new root (zero for an all-zero disk).</summary>
    public ContentHash Complete()
    {
        for (var level = 0; level < _geometry.Depth; level++)
        {
            Flush(level);
        }

        return _root;
    }

    private void SetAt(int level, long index, ContentHash reference)
    {
        var pageNumber = index / _geometry.FanOut;
        if (_pageNumber[level] != pageNumber)
        {
            Flush(level);
            Array.Copy(_old.GetPage(level, pageNumber), _entries[level], _geometry.FanOut);
            _pageNumber[level] = pageNumber;
        }

        ref var slot = ref _entries[level][index % _geometry.FanOut];
        if (slot != reference)
        {
            slot = reference;
            _dirty[level] = true;
        }
    }

    private void Flush(int level)
    {
        if (!_dirty[level])
        {
            return;
        }

        _dirty[level] = false;
        var pageRef = Store(level, _entries[level]);
        if (level == _geometry.Depth - 1)
        {
            _root = pageRef;
        }
        else
        {
            SetAt(level + 1, _pageNumber[level], pageRef);
        }
    }

    private ContentHash Store(int level, ContentHash[] entries)
    {
        if (entries.AsSpan().IndexOfAnyExcept(ContentHash.Zero) < 0)
        {
            return ContentHash.Zero;
        }

        var size = IndexPage.SizeOf(entries.Length);
        var buffer = ArrayPool<byte>.Shared.Rent(size);
        try
        {
            var page = buffer.AsSpan(0, IndexPage.Write(level, entries, buffer));
            var hash = ContentHash.Compute(page);
            _store.Put(hash, page);
            PagesWritten++;
            return hash;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
