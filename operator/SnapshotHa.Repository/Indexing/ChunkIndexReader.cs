using System.Buffers;
using SnapshotHa.Repository.Storage;

namespace SnapshotHa.Repository.Indexing;

/// <summary>
/// Looks chunk references up in one disk's index tree. Keeps the last page read per level, so ascending lookups
/// read each page once. Not thread-safe.
/// </summary>
public sealed class ChunkIndexReader
{
    private readonly ObjectStore _store;
    private readonly ContentHash _root;
    private readonly long[] _cachedPage;
    private readonly ContentHash[][] _cachedEntries;

    /// <summary>Creates a reader of the tree rooted at <paramref name="root"/> (zero = an all-zero disk).</summary>
    public ChunkIndexReader(ObjectStore store, IndexGeometry geometry, ContentHash root)
    {
        ArgumentNullException.ThrowIfNull(geometry);
        _store = store;
        Geometry = geometry;
        _root = root;
        _cachedPage = new long[geometry.Depth];
        _cachedEntries = new ContentHash[geometry.Depth][];
        for (var level = 0; level < geometry.Depth; level++)
        {
            _cachedPage[level] = -1;
            _cachedEntries[level] = new ContentHash[geometry.FanOut];
        }
    }

    /// <summary>Gets the geometry of the tree.</summary>
    public IndexGeometry Geometry { get; }

    /// <summary>Gets the reference of chunk <paramref name="chunkIndex"/>; zero for an all-zero chunk.</summary>
    /// <exception cref="InvalidDataException">An index page is missing or malformed.</exception>
    public ContentHash GetChunk(long chunkIndex)
    {
        var entries = GetPage(0, chunkIndex / Geometry.FanOut);
        return entries[(int)(chunkIndex % Geometry.FanOut)];
    }

    /// <summary>
    /// Gets the entries of page <paramref name="pageNumber"/> of <paramref name="level"/> (all zero for an elided
    /// page). The returned array is reused by the next call for the same level.
    /// </summary>
    /// <exception cref="InvalidDataException">An index page is missing or malformed.</exception>
    public ContentHash[] GetPage(int level, long pageNumber)
    {
        var entries = _cachedEntries[level];
        if (_cachedPage[level] == pageNumber)
        {
            return entries;
        }

        var pageRef = level == Geometry.Depth - 1
            ? _root
            : GetPage(level + 1, pageNumber / Geometry.FanOut)[(int)(pageNumber % Geometry.FanOut)];
        Load(_store, pageRef, level, entries);
        _cachedPage[level] = pageNumber;
        return entries;
    }

    /// <summary>Loads page <paramref name="pageRef"/> of <paramref name="level"/> into <paramref name="entries"/>.</summary>
    /// <exception cref="InvalidDataException">The page is missing or malformed.</exception>
    public static void Load(ObjectStore store, ContentHash pageRef, int level, ContentHash[] entries)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(entries);
        if (pageRef.IsZero)
        {
            Array.Clear(entries);
            return;
        }

        var size = IndexPage.SizeOf(entries.Length);
        var buffer = ArrayPool<byte>.Shared.Rent(size);
        try
        {
            var length = store.Read(pageRef, buffer.AsSpan(0, size));
            IndexPage.Read(buffer.AsSpan(0, length), level, entries, pageRef.ToString());
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
