namespace SnapshotHa.Operator.Concurrency;

/// <summary>One taken slot of a <see cref="SemaphoreSlim"/>, released exactly once however often it is disposed.</summary>
/// <param name="semaphore">The semaphore the slot was taken from.</param>
public sealed class SemaphoreLease(SemaphoreSlim semaphore) : IDisposable
{
    private int _released;

    /// <summary>Releases the slot; later calls do nothing.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _released, 1) == 0)
        {
            semaphore.Release();
        }
    }
}
