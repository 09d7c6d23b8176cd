using SnapshotHa.Operator.Controllers.Protection;
using SnapshotHa.Sandbox.Simulator;

namespace SnapshotHa.Operator.SandboxRuntime;

/// <summary>
/// A guest-write workload on the simulator: every disk of every VM gets random writes at random offsets through the
/// control API (one write per disk and round).
/// It is also the operator's snapshot fence, like an application quiesced for a snapshot: writes pause while a
/// snapshot is created, so each write lies wholly before or after it. With content tracking on, it keeps a copy of
/// every disk (initial content read once) and hands it out at each snapshot, for exact comparisons.
/// </summary>
public sealed class GuestWorkload : ISnapshotFence, IAsyncDisposable
{
    private readonly SimulatorProcess _simulator;
    private readonly Random _random;
    private readonly TimeSpan _interval;
    private readonly int _maxWriteBytes;
    private readonly Dictionary<string, VmState> _vms;
    private readonly CancellationTokenSource _stop = new();
    private Task _loop = Task.CompletedTask;

    /// <summary>Creates the workload (not started).</summary>
    /// <param name="simulator">The simulator.</param>
    /// <param name="random">Chooses offsets, lengths and seeds.</param>
    /// <param name="interval">Time between two rounds of writes (one write per disk and round).</param>
    /// <param name="maxWriteBytes">The longest write.</param>
    public GuestWorkload(SimulatorProcess simulator, Random random, TimeSpan interval, int maxWriteBytes)
    {
        ArgumentNullException.ThrowIfNull(simulator);
        _simulator = simulator;
        _random = random;
        _interval = interval;
        _maxWriteBytes = maxWriteBytes;
        _vms = simulator.Ready.Vms.ToDictionary(v => v.Moref, v => new VmState(v), StringComparer.Ordinal);
    }

    /// <summary>Raised inside the fence, before each snapshot of ours is created.</summary>
    public event EventHandler<SnapshotTakenEventArgs>? SnapshotTaken;

    /// <summary>Gets the number of writes done so far.</summary>
    public long Writes => Interlocked.Read(ref _writes);

    private long _writes;

    /// <summary>Reads every disk once to start tracking content (call before <see cref="Start"/>).</summary>
    /// <param name="cancellationToken">Cancels the reads.</param>
    /// <returns>A task that completes when the content is known.</returns>
    public async Task TrackContentAsync(CancellationToken cancellationToken)
    {
        foreach (var vm in _vms.Values)
        {
            foreach (var disk in vm.Vm.Disks)
            {
                vm.Content[disk.Key] = await _simulator.Control.ReadAsync(vm.Vm.Moref, disk.Key, 0, checked((int)disk.CapacityBytes), cancellationToken);
            }
        }
    }

    /// <summary>Returns a copy of the tracked content of a disk, or null when content is not tracked.</summary>
    /// <param name="vmMoref">The VM.</param>
    /// <param name="diskKey">The disk's device key.</param>
    /// <returns>The content or null.</returns>
    public byte[]? ContentOf(string vmMoref, int diskKey) =>
        _vms.TryGetValue(vmMoref, out var vm) && vm.Content.TryGetValue(diskKey, out var content) ? (byte[])content.Clone() : null;

    /// <summary>Starts writing in the background.</summary>
    public void Start() => _loop = Task.Run(() => RunAsync(_stop.Token));

    /// <summary>Stops writing and waits for the write in flight.</summary>
    /// <returns>A task that completes when the workload stopped.</returns>
    public async Task StopAsync()
    {
        await _stop.CancelAsync();
        await _loop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    /// <inheritdoc />
    public async Task<IAsyncDisposable> EnterAsync(string vmMoref, string snapshotName, CancellationToken cancellationToken)
    {
        if (!_vms.TryGetValue(vmMoref, out var vm))
        {
            return new Release(null);
        }

        await vm.Gate.WaitAsync(cancellationToken);
        var copy = vm.Content.Count == 0 ? null : vm.Content.ToDictionary(p => p.Key, p => (byte[])p.Value.Clone());
        SnapshotTaken?.Invoke(this, new SnapshotTakenEventArgs(vmMoref, snapshotName, copy));
        return new Release(vm.Gate);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _stop.Dispose();
        foreach (var vm in _vms.Values)
        {
            vm.Gate.Dispose();
        }
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            foreach (var vm in _vms.Values)
            {
                foreach (var disk in vm.Vm.Disks)
                {
                    try
                    {
                        await WriteOnceAsync(vm, disk, cancellationToken);
                    }
                    catch (HttpRequestException)
                    {
                        // The simulator refused (a host failure trial): the next round tries again.
                    }
                }
            }

            try
            {
                await Task.Delay(_interval, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task WriteOnceAsync(VmState vm, SimulatorDisk disk, CancellationToken cancellationToken)
    {
        var length = _random.Next(1, _maxWriteBytes + 1);
        var offset = _random.NextInt64(0, disk.CapacityBytes - length);
        var data = new byte[length];
        _random.NextBytes(data);
        await vm.Gate.WaitAsync(cancellationToken);
        try
        {
            // Not cancelled once sent: a write the simulator applied must also be recorded, or the record (the
            // tests' oracle) and the disk disagree. Stopping waits for at most this one write.
            await _simulator.Control.WriteAsync(vm.Vm.Moref, disk.Key, offset, data, CancellationToken.None);
            if (vm.Content.TryGetValue(disk.Key, out var content))
            {
                data.CopyTo(content, offset);
            }

            Interlocked.Increment(ref _writes);
        }
        finally
        {
            vm.Gate.Release();
        }
    }

    private sealed class VmState(SimulatorVm vm)
    {
        public SimulatorVm Vm { get; } = vm;

        public SemaphoreSlim Gate { get; } = new(1, 1);

        public Dictionary<int, byte[]> Content { get; } = [];
    }

    private sealed class Release(SemaphoreSlim? gate) : IAsyncDisposable
    {
        public ValueTask DisposeAsync()
        {
            gate?.Release();
            return ValueTask.CompletedTask;
        }
    }
}
