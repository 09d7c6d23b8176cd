using System.Runtime.CompilerServices;

namespace SnapshotHa.Disks.Extents;

/// <summary>A ZERO extent: no file, reads as zeros, hides the parent.</summary>
internal sealed class ZeroExtent(long length) : IVmdkExtent
{
    public long Length { get; } = length;

    public ValueTask<BlockStatus> GetStatusAsync(long offset, long maxLength, CancellationToken cancellationToken) =>
        ValueTask.FromResult(new BlockStatus(BlockState.Zero, Math.Min(maxLength, Length - offset)));

    public ValueTask ReadAsync(long offset, Memory<byte> buffer, CancellationToken cancellationToken)
    {
        buffer.Span.Clear();
        return ValueTask.CompletedTask;
    }

    public async IAsyncEnumerable<AllocatedRange> EnumerateAllocatedAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await Task.CompletedTask;
        cancellationToken.ThrowIfCancellationRequested();
        if (Length > 0)
        {
            yield return new AllocatedRange(0, Length, ExtentKind.Zero);
        }
    }
}
