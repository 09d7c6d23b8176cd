namespace SnapshotHa.Operator.Tests.EndToEnd.Failover;

/// <summary>Samples the simulator's truth every 50 ms and keeps the most running copies of the protected VM ever seen.</summary>
public sealed class RunningCopiesMonitor : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private int _max;

    public RunningCopiesMonitor(FailoverSandbox sandbox)
    {
        _loop = Task.Run(async () =>
        {
            while (!_stop.IsCancellationRequested)
            {
                try
                {
                    var copies = await sandbox.RunningCopiesAsync(_stop.Token);
                    InterlockedMax(copies.Count);
                    await Task.Delay(50, _stop.Token);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        });
    }

    /// <summary>Gets the most running copies seen at one sample.</summary>
    public int MaxRunningCopies => Volatile.Read(ref _max);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _stop.Dispose();
    }

    private void InterlockedMax(int value)
    {
        int seen;
        while (value > (seen = Volatile.Read(ref _max)) && Interlocked.CompareExchange(ref _max, value, seen) != seen)
        {
        }
    }
}
