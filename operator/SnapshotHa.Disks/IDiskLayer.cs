namespace SnapshotHa.Disks;

/// <summary>
/// A virtual disk as one layer (a delta, a base extent set) or as a whole chain seen through its parents.
/// </summary>
public interface IDiskLayer : IAsyncDisposable
{
    /// <summary>Gets the virtual capacity in bytes.</summary>
    long Capacity { get; }

    /// <summary>
    /// Enumerates the ranges this layer allocates, ascending and non-overlapping, adjacent ranges of the same
    /// kind coalesced. For a chain, the union over all its layers (topmost kind wins).
    /// </summary>
    IAsyncEnumerable<AllocatedRange> EnumerateAllocatedAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Reads virtual bytes at <paramref name="offset"/> (multiple of 512) into the whole of <paramref name="buffer"/>:
    /// unallocated ranges read as the parent's bytes for a chain, as zeros for a single layer.
    /// </summary>
    /// <exception cref="InvalidDataException">The layer's metadata or data is malformed.</exception>
    ValueTask ReadAsync(long offset, Memory<byte> buffer, CancellationToken cancellationToken);
}
