using System.Collections.Concurrent;

namespace SnapshotHa.Kube.Tests.TestKit;

/// <summary>What the test controller and finalizer saw, shared by every scope of one operator host.</summary>
public sealed class ReconcileRecorder
{
    private readonly ConcurrentDictionary<string, int> _inFlight = new();
    private readonly object _gate = new();
    private TaskCompletionSource _changed = NewSignal();
    private int _overlaps;
    private int _reconciles;

    /// <summary>The spec value each key had at its latest reconciliation.</summary>
    public ConcurrentDictionary<string, string> LastReconciledValue { get; } = new();

    /// <summary>Keys passed to DeletedAsync, with the spec value of the last-seen state.</summary>
    public ConcurrentDictionary<string, string> Deleted { get; } = new();

    /// <summary>Keys finalized, with how often.</summary>
    public ConcurrentDictionary<string, int> Finalized { get; } = new();

    /// <summary>Passes of ReconcileAsync per key.</summary>
    public ConcurrentDictionary<string, int> Passes { get; } = new();

    /// <summary>Chooses the controller's result from the entity and its pass number (1-based); null means success.</summary>
    public Func<V1TestEntity, int, SnapshotHa.Kube.Reconciliation.ReconciliationResult<V1TestEntity>?>? Result { get; set; }

    /// <summary>Runs inside ReconcileAsync after recording (e.g. a status write).</summary>
    public Func<V1TestEntity, CancellationToken, Task>? OnReconcile { get; set; }

    public int Overlaps => Volatile.Read(ref _overlaps);

    public int Reconciles => Volatile.Read(ref _reconciles);

    public void Enter(string key)
    {
        if (_inFlight.AddOrUpdate(key, 1, (_, n) => n + 1) > 1)
        {
            Interlocked.Increment(ref _overlaps);
        }
    }

    public void Exit(string key) => _inFlight.AddOrUpdate(key, 0, (_, n) => n - 1);

    public int Reconciled(string key, string value)
    {
        Interlocked.Increment(ref _reconciles);
        LastReconciledValue[key] = value;
        var pass = Passes.AddOrUpdate(key, 1, (_, n) => n + 1);
        Pulse();
        return pass;
    }

    public void Pulse()
    {
        TaskCompletionSource previous;
        lock (_gate)
        {
            previous = _changed;
            _changed = NewSignal();
        }

        previous.TrySetResult();
    }

    /// <summary>Waits until <paramref name="condition"/> holds, re-checking on every recorded change (and every 100 ms).</summary>
    public async Task WaitUntilAsync(Func<bool> condition, TimeSpan timeout, string because)
    {
        using var cts = new CancellationTokenSource(timeout);
        while (!condition())
        {
            Task changed;
            lock (_gate)
            {
                changed = _changed.Task;
            }

            try
            {
                await changed.WaitAsync(TimeSpan.FromMilliseconds(100), cts.Token);
            }
            catch (TimeoutException)
            {
                // Re-check conditions that depend on state outside the recorder.
            }
            catch (OperationCanceledException)
            {
                condition().Should().BeTrue($"within {timeout}: {because}");
                return;
            }
        }
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
