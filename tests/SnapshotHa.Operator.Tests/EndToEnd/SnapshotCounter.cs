using SnapshotHa.Operator.Controllers.Protection;
using SnapshotHa.Vim;

namespace SnapshotHa.Operator.Tests.EndToEnd;

/// <summary>Polls the VMs' snapshot trees in the background and remembers the most snapshots of ours ever seen on one VM.</summary>
public sealed class SnapshotCounter : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private int _max;

    public SnapshotCounter(VimClient client, IReadOnlyList<ManagedObjectReference> vms)
    {
        _loop = Task.Run(async () =>
        {
            while (!_stop.IsCancellationRequested)
            {
                foreach (var vm in vms)
                {
                    try
                    {
                        var tree = await client.Snapshots.GetTreeAsync(vm, _stop.Token);
                        var ours = tree.All.Count(s => s.Name.StartsWith(OurSnapshots.Prefix, StringComparison.Ordinal));
                        InterlockedMax(ours);
                    }
                    catch (Exception e) when (e is not OperationCanceledException)
                    {
                        // A fault trial may make reads fail for a moment.
                    }
                }

                await Task.Delay(50, _stop.Token).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        });
    }

    public int MaxOursSeen => Volatile.Read(ref _max);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _stop.Dispose();
    }

    private void InterlockedMax(int value)
    {
        int current;
        while (value > (current = Volatile.Read(ref _max)) && Interlocked.CompareExchange(ref _max, value, current) != current)
        {
        }
    }
}
