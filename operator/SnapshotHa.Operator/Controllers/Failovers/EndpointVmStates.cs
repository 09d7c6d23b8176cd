using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using SnapshotHa.Vim;
using SnapshotHa.Vim.Properties;
using SnapshotHa.Vim.VirtualMachines;

namespace SnapshotHa.Operator.Controllers.Failovers;

/// <summary>
/// The state of every VM of one endpoint, kept by an inventory watch (<see cref="PropertyCollector.WatchInventoryAsync"/>
/// of <see cref="FailureWatchStates.Paths"/>): the server sends what changed, so a quiet inventory costs one empty
/// answer per <see cref="VimConnectionOptions.UpdateWaitTime"/> instead of every VM's state every round. The states
/// are offered only while they are whole (a complete baseline) and fresh (an answer within twice the wait time plus
/// <see cref="StaleGrace"/>); a failed watch is started again after <see cref="RetryDelay"/>.
/// </summary>
internal sealed class EndpointVmStates : IAsyncDisposable
{
    /// <summary>How long after a failed watch it is started again.</summary>
    public static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(5);

    /// <summary>How much later than twice the wait time an answer may come before the states count as stale.</summary>
    public static readonly TimeSpan StaleGrace = TimeSpan.FromSeconds(5);

    private readonly string _endpointKey;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private ConcurrentDictionary<ManagedObjectReference, VirtualMachineFacts>? _states;
    private long _lastAnswerTicks;

    /// <summary>Starts watching.</summary>
    /// <param name="endpointKey">The endpoint's namespace/name (for logs).</param>
    /// <param name="client">The endpoint's session.</param>
    /// <param name="timeProvider">Clock and retry delay.</param>
    /// <param name="logger">Logs failed watches.</param>
    public EndpointVmStates(string endpointKey, VimClient client, TimeProvider timeProvider, ILogger logger)
    {
        _endpointKey = endpointKey;
        Client = client;
        _timeProvider = timeProvider;
        _logger = logger;
        _loop = Task.Run(() => RunAsync(_stop.Token), CancellationToken.None);
    }

    /// <summary>Gets the session the watch runs on.</summary>
    public VimClient Client { get; }

    /// <summary>The VM states by VM, or null while no whole and fresh state is held.</summary>
    /// <returns>A live view: later changes show in it.</returns>
    public IReadOnlyDictionary<ManagedObjectReference, VirtualMachineFacts>? Current()
    {
        var states = Volatile.Read(ref _states);
        var sinceAnswer = _timeProvider.GetUtcNow() - new DateTimeOffset(Interlocked.Read(ref _lastAnswerTicks), TimeSpan.Zero);
        return states is not null && sinceAnswer <= (2 * Client.Options.UpdateWaitTime) + StaleGrace ? states : null;
    }

    /// <summary>Stops the watch.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _stop.Dispose();
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await WatchAsync(cancellationToken);
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested)
            {
                Volatile.Write(ref _states, null);
                Log.VmStateWatchFailed(_logger, _endpointKey, RetryDelay.TotalSeconds, e.Message);
                await Task.Delay(RetryDelay, _timeProvider, cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    private async Task WatchAsync(CancellationToken cancellationToken)
    {
        var values = new Dictionary<ManagedObjectReference, WatchedVm>();
        ConcurrentDictionary<ManagedObjectReference, VirtualMachineFacts>? building = null;
        await foreach (var batch in Client.Properties.WatchInventoryAsync("VirtualMachine", FailureWatchStates.Paths, cancellationToken))
        {
            if (batch.Baseline)
            {
                Volatile.Write(ref _states, null);
                values.Clear();
                building = new ConcurrentDictionary<ManagedObjectReference, VirtualMachineFacts>();
            }

            var target = building ?? _states;
            if (target is null)
            {
                continue;
            }

            foreach (var update in batch.Updates)
            {
                Apply(values, target, update);
            }

            if (building is not null && batch.Complete)
            {
                Volatile.Write(ref _states, building);
                building = null;
            }

            Interlocked.Exchange(ref _lastAnswerTicks, _timeProvider.GetUtcNow().UtcTicks);
        }
    }

    private static void Apply(
        Dictionary<ManagedObjectReference, WatchedVm> values, ConcurrentDictionary<ManagedObjectReference, VirtualMachineFacts> states, ObjectUpdate update)
    {
        var vm = update.ManagedObject;
        if (update.Kind == ObjectUpdateKind.Leave)
        {
            values.Remove(vm);
            states.TryRemove(vm, out _);
            return;
        }

        if (!values.TryGetValue(vm, out var watched))
        {
            watched = new WatchedVm();
            values[vm] = watched;
        }

        foreach (var change in update.Changes)
        {
            var removed = change.Operation is "remove" or "indirectRemove";
            if (change.Name == "runtime.host")
            {
                watched.Host = removed ? null : FailureWatchStates.HostOf(change.Value);
            }
            else
            {
                watched.Texts[change.Name] = removed ? null : change.Value?.Value;
            }
        }

        foreach (var missing in update.MissingSet)
        {
            watched.Texts[missing.Path] = null;
        }

        states[vm] = FailureWatchStates.FromValues(vm, path => watched.Texts.GetValueOrDefault(path), watched.Host);
    }

    /// <summary>What the watch last reported of one VM (property texts, and the host as a reference).</summary>
    private sealed class WatchedVm
    {
        public Dictionary<string, string?> Texts { get; } = new(StringComparer.Ordinal);

        public ManagedObjectReference? Host { get; set; }
    }
}
