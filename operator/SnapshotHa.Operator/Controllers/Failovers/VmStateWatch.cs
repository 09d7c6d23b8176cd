using Microsoft.Extensions.Logging;
using SnapshotHa.Vim;
using SnapshotHa.Vim.VirtualMachines;

namespace SnapshotHa.Operator.Controllers.Failovers;

/// <summary>
/// One inventory watch of VM states per endpoint the failure checks use (<see cref="EndpointVmStates"/>), so that a
/// check round reads what changed instead of every protected VM's state. A watch is started on first use, started
/// again on the endpoint's new session, and stopped when its endpoint is no longer checked.
/// </summary>
/// <param name="timeProvider">Clock and retry delays.</param>
/// <param name="logger">Logs failed watches.</param>
public sealed class VmStateWatch(TimeProvider timeProvider, ILogger<VmStateWatch> logger) : IAsyncDisposable
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, EndpointVmStates> _endpoints = new(StringComparer.Ordinal);

    /// <summary>
    /// The state of every VM of an endpoint when its watch holds a whole and fresh one; otherwise null (read the VMs
    /// directly). Starts the endpoint's watch, or starts it again when <paramref name="client"/> is a new session.
    /// </summary>
    /// <param name="endpointKey">The endpoint's namespace/name.</param>
    /// <param name="client">The endpoint's current session.</param>
    /// <returns>The states by VM (a live view), or null.</returns>
    public IReadOnlyDictionary<ManagedObjectReference, VirtualMachineFacts>? Current(string endpointKey, VimClient client)
    {
        ArgumentNullException.ThrowIfNull(client);
        EndpointVmStates? replaced = null;
        EndpointVmStates states;
        lock (_lock)
        {
            if (!_endpoints.TryGetValue(endpointKey, out states!) || states.Client != client)
            {
                replaced = states;
                states = new EndpointVmStates(endpointKey, client, timeProvider, logger);
                _endpoints[endpointKey] = states;
            }
        }

        if (replaced is not null)
        {
            _ = replaced.DisposeAsync().AsTask();
        }

        return states.Current();
    }

    /// <summary>Stops the watches of endpoints not in <paramref name="endpointKeys"/>.</summary>
    /// <param name="endpointKeys">The endpoints still checked.</param>
    /// <returns>A task that completes when the stopped watches ended.</returns>
    public async Task RetainAsync(IReadOnlySet<string> endpointKeys)
    {
        ArgumentNullException.ThrowIfNull(endpointKeys);
        List<EndpointVmStates> stopped;
        lock (_lock)
        {
            var gone = _endpoints.Keys.Where(k => !endpointKeys.Contains(k)).ToList();
            stopped = [.. gone.Select(k => _endpoints[k])];
            foreach (var key in gone)
            {
                _endpoints.Remove(key);
            }
        }

        foreach (var states in stopped)
        {
            await states.DisposeAsync();
        }
    }

    /// <summary>Stops every watch (no ProtectedVM to check, or this replica does not lead).</summary>
    /// <returns>A task that completes when the watches ended.</returns>
    public Task StopAllAsync() => RetainAsync(System.Collections.Frozen.FrozenSet<string>.Empty);

    /// <inheritdoc />
    public async ValueTask DisposeAsync() => await StopAllAsync();
}
