using SnapshotHa.Disks;

namespace SnapshotHa.Repository.Tests;

/// <summary>A layer whose reads fail (asynchronously, as a remote source would) from read number <paramref name="failAt"/> on.</summary>
internal sealed class FailingLayer(MemoryLayer inner, int failAt) : IDiskLayer
{
    private int _reads;

    public long Capacity => inner.Capacity;

    public IAsyncEnumerable<AllocatedRange> EnumerateAllocatedAsync(CancellationToken cancellationToken) => inner.EnumerateAllocatedAsync(cancellationToken);

    public async ValueTask ReadAsync(long offset, Memory<byte> buffer, CancellationToken cancellationToken)
    {
        await Task.Yield();
        if (Interlocked.Increment(ref _reads) >= failAt)
        {
            throw new InvalidDataException($"Grain at {offset} is unreadable.");
        }

        await inner.ReadAsync(offset, buffer, cancellationToken);
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
