namespace SnapshotHa.Repository.Indexing;

/// <summary>
/// The shape of one disk's chunk index: <see cref="ChunkCount"/> chunks of <see cref="ChunkSize"/> bytes (the last may
/// be shorter), referenced from a tree of index pages of <see cref="FanOut"/> entries, <see cref="Depth"/> levels deep
/// (level 0 = leaf pages of chunk references; the root is the single page of level <c>Depth - 1</c>).
/// </summary>
public sealed record IndexGeometry
{
    /// <summary>Creates the geometry of a disk of <paramref name="capacity"/> bytes.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A value is not positive or the chunk size is not a multiple of 512.</exception>
    public IndexGeometry(long capacity, int chunkSize, int fanOut)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        ArgumentOutOfRangeException.ThrowIfLessThan(chunkSize, 4096);
        ArgumentOutOfRangeException.ThrowIfLessThan(fanOut, 2);
        if (chunkSize % 512 != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(chunkSize), chunkSize, "The chunk size must be a multiple of 512.");
        }

        Capacity = capacity;
        ChunkSize = chunkSize;
        FanOut = fanOut;
        ChunkCount = (capacity + chunkSize - 1) / chunkSize;
        var depth = 1;
        for (var covered = (long)fanOut; covered < ChunkCount; covered *= fanOut)
        {
            depth++;
        }

        Depth = depth;
    }

    /// <summary>Gets the disk's capacity in bytes.</summary>
    public long Capacity { get; }

    /// <summary>Gets the chunk size in bytes.</summary>
    public int ChunkSize { get; }

    /// <summary>Gets the number of entries of an index page.</summary>
    public int FanOut { get; }

    /// <summary>Gets the number of chunks.</summary>
    public long ChunkCount { get; }

    /// <summary>Gets the number of index levels.</summary>
    public int Depth { get; }

    /// <summary>Gets the byte length of chunk <paramref name="chunkIndex"/> (the last one may be short).</summary>
    public int ChunkLength(long chunkIndex) => (int)Math.Min(ChunkSize, Capacity - (chunkIndex * ChunkSize));

    /// <summary>Gets the number of index pages of <paramref name="level"/>.</summary>
    public long PagesAt(int level)
    {
        var count = ChunkCount;
        for (var l = 0; l <= level; l++)
        {
            count = (count + FanOut - 1) / FanOut;
        }

        return count;
    }
}
