namespace SnapshotHa.Kube.Queue;

/// <summary>Decides how long a failed key waits before its retry (client-go's <c>RateLimiter</c>).</summary>
/// <typeparam name="TKey">The key type.</typeparam>
public interface IWorkQueueRateLimiter<in TKey>
    where TKey : notnull
{
    /// <summary>Returns the delay before the next retry of <paramref name="key"/> and counts the failure.</summary>
    /// <param name="key">The key that failed.</param>
    /// <returns>The delay.</returns>
    TimeSpan When(TKey key);

    /// <summary>Forgets the failures of <paramref name="key"/> (after a success).</summary>
    /// <param name="key">The key.</param>
    void Forget(TKey key);

    /// <summary>Returns how many failures of <paramref name="key"/> are counted.</summary>
    /// <param name="key">The key.</param>
    /// <returns>The number of retries since the last <see cref="Forget"/>.</returns>
    int NumRequeues(TKey key);
}
