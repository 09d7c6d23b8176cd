using System.Collections.Concurrent;

namespace SnapshotHa.Kube.Queue;

/// <summary>
/// Per-key exponential back-off (client-go's <c>ItemExponentialFailureRateLimiter</c>): the n-th consecutive failure
/// of a key waits <c>baseDelay · 2ⁿ</c>, capped at <c>maxDelay</c>; <see cref="Forget"/> resets the key.
/// Thread-safe.
/// </summary>
/// <typeparam name="TKey">The key type.</typeparam>
public sealed class ExponentialFailureRateLimiter<TKey> : IWorkQueueRateLimiter<TKey>
    where TKey : notnull
{
    private readonly ConcurrentDictionary<TKey, int> _failures = new();
    private readonly TimeSpan _baseDelay;
    private readonly TimeSpan _maxDelay;

    /// <summary>Creates a limiter.</summary>
    /// <param name="baseDelay">The delay after the first failure; must be positive.</param>
    /// <param name="maxDelay">The cap; must not be below <paramref name="baseDelay"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException">A delay is out of range.</exception>
    public ExponentialFailureRateLimiter(TimeSpan baseDelay, TimeSpan maxDelay)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(baseDelay, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxDelay, baseDelay);
        _baseDelay = baseDelay;
        _maxDelay = maxDelay;
    }

    /// <inheritdoc />
    public TimeSpan When(TKey key)
    {
        var exponent = _failures.AddOrUpdate(key, 1, static (_, n) => n + 1) - 1;
        return Backoff.Exponential(exponent, _baseDelay, _maxDelay);
    }

    /// <inheritdoc />
    public void Forget(TKey key) => _failures.TryRemove(key, out _);

    /// <inheritdoc />
    public int NumRequeues(TKey key) => _failures.TryGetValue(key, out var n) ? n : 0;
}
