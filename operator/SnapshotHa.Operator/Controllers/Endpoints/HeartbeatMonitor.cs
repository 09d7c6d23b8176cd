using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using SnapshotHa.Operator.Telemetry;
using SnapshotHa.Vim;
using SnapshotHa.Vim.Hosts;
using HostConnectionState = SnapshotHa.Api.Endpoints.HostConnectionState;
using VimHostState = SnapshotHa.Vim.Hosts.HostConnectionState;

namespace SnapshotHa.Operator.Controllers.Endpoints;

/// <summary>
/// Runs one heartbeat loop per ESXi host of every endpoint (the paper's agent heartbeats): each interval it reads
/// the host's connection state, one vim25 call within the timeout; a failed or late read is a miss. The latest
/// result per host is kept for the controllers to report and act on.
/// </summary>
/// <param name="timeProvider">Clock and timers.</param>
/// <param name="metrics">Records probes and host states.</param>
/// <param name="logger">Logs misses and recoveries.</param>
public sealed class HeartbeatMonitor(TimeProvider timeProvider, ProtectionMetrics metrics, ILogger<HeartbeatMonitor> logger) : IAsyncDisposable
{
    private readonly ConcurrentDictionary<(string Endpoint, string Host), Loop> _loops = new();
    private readonly ConcurrentDictionary<(string Endpoint, string Host), HostHeartbeat> _board = new();

    /// <summary>Starts loops for new hosts and restarts those whose client or settings changed; stops loops of vanished hosts.</summary>
    /// <param name="endpointKey">The endpoint's namespace/name.</param>
    /// <param name="client">The endpoint's session.</param>
    /// <param name="hosts">The hosts the endpoint manages.</param>
    /// <param name="settings">Interval, timeout and miss threshold.</param>
    /// <returns>A task that completes when stale loops are stopped.</returns>
    public async Task EnsureAsync(string endpointKey, VimClient client, IReadOnlyList<HostFacts> hosts, HeartbeatSettings settings)
    {
        ArgumentNullException.ThrowIfNull(hosts);
        var wanted = hosts.ToDictionary(h => h.Host.Value, StringComparer.Ordinal);
        foreach (var ((endpoint, host), loop) in _loops)
        {
            if (endpoint == endpointKey && (!wanted.ContainsKey(host) || loop.Client != client || loop.Settings != settings))
            {
                await StopLoopAsync((endpoint, host));
            }
        }

        foreach (var host in hosts)
        {
            var key = (endpointKey, host.Host.Value);
            if (!_loops.ContainsKey(key))
            {
                var cancellation = new CancellationTokenSource();
                var initial = new HostHeartbeat(
                    host.Host.Value, host.Name, Map(host.ConnectionState), host.InMaintenanceMode, null, 0, null, settings.MissesBeforeFailure);
                _board.TryAdd(key, initial);
                var task = Task.Run(() => RunAsync(key, client, host, settings, cancellation.Token), CancellationToken.None);
                _loops[key] = new Loop(client, settings, cancellation, task);
            }
        }
    }

    /// <summary>Returns the latest heartbeat of every host of an endpoint.</summary>
    /// <param name="endpointKey">The endpoint's namespace/name.</param>
    /// <returns>The hosts, by name.</returns>
    public IReadOnlyList<HostHeartbeat> Hosts(string endpointKey) =>
        [.. _board.Where(p => p.Key.Endpoint == endpointKey).Select(p => p.Value).OrderBy(h => h.Name, StringComparer.Ordinal)];

    /// <summary>Returns the latest heartbeat of one host, or null when no loop watches it.</summary>
    /// <param name="endpointKey">The endpoint's namespace/name.</param>
    /// <param name="hostMoref">The host's managed object id.</param>
    /// <returns>The heartbeat or null.</returns>
    public HostHeartbeat? Host(string endpointKey, string hostMoref) => _board.GetValueOrDefault((endpointKey, hostMoref));

    /// <summary>Stops every loop of an endpoint (deleted) and forgets its hosts.</summary>
    /// <param name="endpointKey">The endpoint's namespace/name.</param>
    /// <returns>A task that completes when the loops ended.</returns>
    public async Task StopAsync(string endpointKey)
    {
        foreach (var key in _loops.Keys.Where(k => k.Endpoint == endpointKey).ToList())
        {
            await StopLoopAsync(key);
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        foreach (var key in _loops.Keys.ToList())
        {
            await StopLoopAsync(key);
        }
    }

    private static HostConnectionState Map(VimHostState state) => state switch
    {
        VimHostState.Connected => HostConnectionState.Connected,
        VimHostState.Disconnected => HostConnectionState.Disconnected,
        _ => HostConnectionState.NotResponding,
    };

    private async Task StopLoopAsync((string Endpoint, string Host) key)
    {
        if (_loops.TryRemove(key, out var loop))
        {
            await loop.Cancellation.CancelAsync();
            await loop.Task.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            loop.Cancellation.Dispose();
            if (_board.TryRemove(key, out var removed))
            {
                metrics.HostRemoved(key.Endpoint, removed.Name);
            }
        }
    }

    private async Task RunAsync(
        (string Endpoint, string Host) key, VimClient client, HostFacts host, HeartbeatSettings settings, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(settings.Interval, timeProvider);
        do
        {
            var previous = _board.GetValueOrDefault(key)
                ?? new HostHeartbeat(host.Host.Value, host.Name, HostConnectionState.Connected, false, null, 0, null, settings.MissesBeforeFailure);
            var next = await ProbeAsync(client, host, previous, settings, cancellationToken);
            _board[key] = next;
            metrics.HeartbeatObserved(key.Endpoint, previous, next);
            if (next.ConsecutiveMisses == settings.MissesBeforeFailure)
            {
                Log.HostFailed(logger, key.Endpoint, host.Name, next.ConsecutiveMisses, next.LastError ?? "");
            }
            else if (previous.ConsecutiveMisses >= settings.MissesBeforeFailure && next.ConsecutiveMisses == 0)
            {
                Log.HostRecovered(logger, key.Endpoint, host.Name);
            }
        }
        while (await Hosting.PeriodicTicks.NextAsync(timer, cancellationToken));
    }

    private async Task<HostHeartbeat> ProbeAsync(
        VimClient client, HostFacts host, HostHeartbeat previous, HeartbeatSettings settings, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(settings.Timeout);
        try
        {
            // The read is the probe: it answers only when the API (and, for a host endpoint, the host) does.
            var facts = await client.Hosts.GetFactsAsync(host.Host, timeout.Token);
            var state = Map(facts.ConnectionState);
            return state == HostConnectionState.Connected
                ? new HostHeartbeat(host.Host.Value, facts.Name, state, facts.InMaintenanceMode, timeProvider.GetUtcNow(), 0, null, settings.MissesBeforeFailure)
                : previous with
                {
                    MissesBeforeFailure = settings.MissesBeforeFailure,
                    ConnectionState = state,
                    InMaintenanceMode = facts.InMaintenanceMode,
                    ConsecutiveMisses = previous.ConsecutiveMisses + 1,
                    LastError = $"host reports connection state {facts.ConnectionState}",
                };
        }
        catch (Exception e) when (e is not OutOfMemoryException && !cancellationToken.IsCancellationRequested)
        {
            var reason = timeout.IsCancellationRequested ? $"no answer within {settings.Timeout.TotalSeconds:0.###} s" : e.Message;
            return previous with
            {
                MissesBeforeFailure = settings.MissesBeforeFailure,
                ConnectionState = HostConnectionState.NotResponding,
                ConsecutiveMisses = previous.ConsecutiveMisses + 1,
                LastError = reason,
            };
        }
    }

    private sealed record Loop(VimClient Client, HeartbeatSettings Settings, CancellationTokenSource Cancellation, Task Task);
}
