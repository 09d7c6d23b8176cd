namespace SnapshotHa.Disks.Extents;

/// <summary>One extent of a layer, addressed with extent-relative byte offsets.</summary>
internal interface IVmdkExtent
{
    /// <summary>Gets the extent's virtual length in bytes.</summary>
    long Length { get; }

    /// <summary>Returns the state of the run starting at <paramref name="offset"/>, at most <paramref name="maxLength"/> bytes.</summary>
    ValueTask<BlockStatus> GetStatusAsync(long offset, long maxLength, CancellationToken cancellationToken);

    /// <summary>Reads bytes; unallocated and zero runs read as zeros.</summary>
    ValueTask ReadAsync(long offset, Memory<byte> buffer, CancellationToken cancellationToken);

    /// <summary>Enumerates allocated runs (ascending, coalesced), cost in proportion to the metadata.</summary>
    IAsyncEnumerable<AllocatedRange> EnumerateAllocatedAsync(CancellationToken cancellationToken);
}
