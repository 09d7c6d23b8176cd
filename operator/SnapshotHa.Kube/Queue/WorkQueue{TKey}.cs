using SnapshotHa.Kube.Metrics;

namespace SnapshotHa.Kube.Queue;

/// <summary>
/// A work queue with client-go semantics: a key waiting in the queue is never queued twice; a key being processed
/// is never handed to a second worker — re-adding it while it is processed queues it again only after
/// <see cref="Done"/>; delayed re-adds keep the earliest due time; failures back off per key until
/// <see cref="Forget"/>; <see cref="AddNext"/> queues a continuation ahead of the other keys. All time comes from the
/// injected <see cref="TimeProvider"/>. Thread-safe.
/// </summary>
/// <typeparam name="TKey">The key type (namespace/name strings for controllers).</typeparam>
public sealed class WorkQueue<TKey> : IDisposable
    where TKey : class
{
    // One lock guards every collection below; callbacks (timer, Done) take it too. The semaphore counts wake-ups,
    // not items: a woken worker re-checks the queue under the lock, so stale wake-ups after Clear are harmless.
    private readonly Lock _gate = new();
    private readonly Queue<TKey> _queue = new();
    private readonly Queue<TKey> _next = new();
    private readonly HashSet<TKey> _ahead = [];
    private readonly HashSet<TKey> _dirty = [];
    private readonly HashSet<TKey> _processing = [];
    private readonly Dictionary<TKey, DateTimeOffset> _waiting = [];
    private readonly PriorityQueue<TKey, DateTimeOffset> _waitingByDue = new();
    private readonly SemaphoreSlim _signal = new(0);
    private readonly TaskCompletionSource _drained = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TimeProvider _timeProvider;
    private readonly IWorkQueueRateLimiter<TKey> _rateLimiter;
    private readonly WorkQueueMetrics? _metrics;
    private readonly ITimer _timer;
    private DateTimeOffset? _timerDue;
    private bool _shuttingDown;

    /// <summary>Creates a queue.</summary>
    /// <param name="timeProvider">The clock for delayed adds.</param>
    /// <param name="rateLimiter">Per-key failure back-off; default 5 ms doubling up to 1000 s (client-go's).</param>
    /// <param name="metrics">Optional depth/adds/retries collectors.</param>
    public WorkQueue(
        TimeProvider timeProvider, IWorkQueueRateLimiter<TKey>? rateLimiter = null, WorkQueueMetrics? metrics = null)
    {
        _timeProvider = timeProvider ?? throw new ArgumentNullException(nameof(timeProvider));
        _rateLimiter = rateLimiter
            ?? new ExponentialFailureRateLimiter<TKey>(TimeSpan.FromMilliseconds(5), TimeSpan.FromSeconds(1000));
        _metrics = metrics;
        _timer = timeProvider.CreateTimer(_ => OnTimer(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        _metrics?.SetDepth(0);
    }

    /// <summary>Keys waiting for a worker (not counting processed or delayed keys).</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _queue.Count + _next.Count;
            }
        }
    }

    /// <summary>Keys waiting for a worker, delayed, or being processed; zero when the queue is idle.</summary>
    public int PendingCount
    {
        get
        {
            lock (_gate)
            {
                return _queue.Count + _next.Count + _processing.Count + _waiting.Count;
            }
        }
    }

    /// <summary>Whether <see cref="ShutDown"/> was called.</summary>
    public bool IsShuttingDown
    {
        get
        {
            lock (_gate)
            {
                return _shuttingDown;
            }
        }
    }

    /// <summary>Queues a key now. Ignored after shutdown and while the key is already queued.</summary>
    /// <param name="key">The key.</param>
    public void Add(TKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        lock (_gate)
        {
            AddLocked(key);
        }
    }

    /// <summary>
    /// Queues a key ahead of the keys queued by <see cref="Add"/>: the continuation of work the key is in the middle of
    /// (a multi-step reconcile that returns after each step), so that its next step does not wait behind every other
    /// key. A key being processed is queued ahead once it is <see cref="Done"/>; a key already waiting keeps its place.
    /// Ignored after shutdown.
    /// </summary>
    /// <param name="key">The key.</param>
    public void AddNext(TKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        lock (_gate)
        {
            if (_shuttingDown || (_dirty.Contains(key) && !_processing.Contains(key)))
            {
                return;
            }

            _ahead.Add(key);
            AddLocked(key);
        }
    }

    /// <summary>
    /// Queues a key after <paramref name="delay"/>. When the key is already waiting, the earlier due time wins.
    /// A non-positive delay queues at once. Ignored after shutdown.
    /// </summary>
    /// <param name="key">The key.</param>
    /// <param name="delay">The delay.</param>
    public void AddAfter(TKey key, TimeSpan delay)
    {
        ArgumentNullException.ThrowIfNull(key);
        lock (_gate)
        {
            AddAfterLocked(key, delay, replace: false);
        }
    }

    /// <summary>
    /// Queues a key after <paramref name="delay"/>, replacing a later or earlier due time it was already waiting for:
    /// what a reconcile that just finished asks for supersedes what earlier reconciles asked. A non-positive delay
    /// queues at once. Ignored after shutdown.
    /// </summary>
    /// <param name="key">The key.</param>
    /// <param name="delay">The delay.</param>
    public void Reschedule(TKey key, TimeSpan delay)
    {
        ArgumentNullException.ThrowIfNull(key);
        lock (_gate)
        {
            AddAfterLocked(key, delay, replace: true);
        }
    }

    /// <summary>Queues a key after its per-key back-off delay and counts the retry.</summary>
    /// <param name="key">The key that failed.</param>
    public void AddRateLimited(TKey key)
    {
        _metrics?.Retried();
        AddAfter(key, _rateLimiter.When(key));
    }

    /// <summary>Resets the per-key back-off of <paramref name="key"/> (call after a success).</summary>
    /// <param name="key">The key.</param>
    public void Forget(TKey key) => _rateLimiter.Forget(key);

    /// <summary>Returns how many rate-limited retries of <paramref name="key"/> are counted.</summary>
    /// <param name="key">The key.</param>
    /// <returns>The count.</returns>
    public int NumRequeues(TKey key) => _rateLimiter.NumRequeues(key);

    /// <summary>
    /// Waits for the next key and marks it as processed; the caller must call <see cref="Done"/> with it.
    /// </summary>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>The key, or null once the queue is shut down and empty.</returns>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    public async Task<TKey?> GetAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            lock (_gate)
            {
                if (_next.TryDequeue(out var key) || _queue.TryDequeue(out key))
                {
                    _dirty.Remove(key);
                    _processing.Add(key);
                    _metrics?.SetDepth(_queue.Count + _next.Count);
                    return key;
                }

                if (_shuttingDown)
                {
                    // Pass the wake-up on so every waiting worker sees the shutdown.
                    _signal.Release();
                    return null;
                }
            }

            await _signal.WaitAsync(cancellationToken);
        }
    }

    /// <summary>
    /// Marks a key as no longer processed. When it was re-added meanwhile, it is queued again now.
    /// </summary>
    /// <param name="key">A key returned by <see cref="GetAsync"/>.</param>
    public void Done(TKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        lock (_gate)
        {
            _processing.Remove(key);
            if (_dirty.Contains(key))
            {
                Enqueue(key);
            }

            SignalIfDrainedLocked();
        }
    }

    /// <summary>
    /// Drops every queued and delayed key, and the pending re-adds of keys being processed; keys being processed
    /// stay until <see cref="Done"/> but are not handed out again.
    /// </summary>
    public void Clear()
    {
        lock (_gate)
        {
            _dirty.Clear();
            _queue.Clear();
            _next.Clear();
            _ahead.Clear();
            _waiting.Clear();
            _waitingByDue.Clear();
            _timer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            _timerDue = null;
            _metrics?.SetDepth(0);
            SignalIfDrainedLocked();
        }
    }

    /// <summary>
    /// Stops accepting keys and delayed adds. Workers still receive the keys already queued; then
    /// <see cref="GetAsync"/> returns null. Call <see cref="Clear"/> first to stop at once.
    /// </summary>
    public void ShutDown()
    {
        lock (_gate)
        {
            if (_shuttingDown)
            {
                return;
            }

            _shuttingDown = true;
            _timer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            _timerDue = null;
            _waiting.Clear();
            _waitingByDue.Clear();
            _signal.Release();
            SignalIfDrainedLocked();
        }
    }

    /// <summary>
    /// Shuts down and waits until every queued key was handed out and every handed-out key is <see cref="Done"/>.
    /// </summary>
    /// <param name="cancellationToken">Stops waiting (the queue stays shut down).</param>
    /// <returns>A task that completes when the queue is drained.</returns>
    public Task ShutDownWithDrainAsync(CancellationToken cancellationToken)
    {
        ShutDown();
        return _drained.Task.WaitAsync(cancellationToken);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _timer.Dispose();
        _signal.Dispose();
    }

    private void AddAfterLocked(TKey key, TimeSpan delay, bool replace)
    {
        if (_shuttingDown)
        {
            return;
        }

        if (replace)
        {
            // The superseded heap entry is skipped when it comes up (its due time no longer matches).
            _waiting.Remove(key);
        }

        if (delay <= TimeSpan.Zero)
        {
            AddLocked(key);
            return;
        }

        var due = _timeProvider.GetUtcNow() + delay;
        if (_waiting.TryGetValue(key, out var existing) && existing <= due)
        {
            return;
        }

        _waiting[key] = due;
        _waitingByDue.Enqueue(key, due);
        ArmTimerLocked();
    }

    private void AddLocked(TKey key)
    {
        if (_shuttingDown)
        {
            return;
        }

        if (!_dirty.Add(key))
        {
            // Already queued (or marked to run again once its worker finishes).
            return;
        }

        _metrics?.Added();
        if (!_processing.Contains(key))
        {
            Enqueue(key);
        }
    }

    private void Enqueue(TKey key)
    {
        (_ahead.Remove(key) ? _next : _queue).Enqueue(key);
        _metrics?.SetDepth(_queue.Count + _next.Count);
        _signal.Release();
    }

    private void SignalIfDrainedLocked()
    {
        if (_shuttingDown && _queue.Count == 0 && _next.Count == 0 && _processing.Count == 0)
        {
            _drained.TrySetResult();
        }
    }

    private void OnTimer()
    {
        lock (_gate)
        {
            _timerDue = null;
            var now = _timeProvider.GetUtcNow();
            while (_waitingByDue.TryPeek(out var key, out var due) && due <= now)
            {
                _waitingByDue.Dequeue();
                if (_waiting.TryGetValue(key, out var current) && current == due)
                {
                    _waiting.Remove(key);
                    AddLocked(key);
                }
            }

            ArmTimerLocked();
        }
    }

    private void ArmTimerLocked()
    {
        // Drop heap entries superseded by an earlier due time of the same key.
        while (_waitingByDue.TryPeek(out var key, out var due)
            && (!_waiting.TryGetValue(key, out var current) || current != due))
        {
            _waitingByDue.Dequeue();
        }

        if (!_waitingByDue.TryPeek(out _, out var next))
        {
            return;
        }

        if (_timerDue is { } armed && armed <= next)
        {
            return;
        }

        _timerDue = next;
        var delay = next - _timeProvider.GetUtcNow();
        _timer.Change(delay > TimeSpan.Zero ? delay : TimeSpan.FromTicks(1), Timeout.InfiniteTimeSpan);
    }
}
