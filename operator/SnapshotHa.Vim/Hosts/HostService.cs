using System.Runtime.CompilerServices;
using SnapshotHa.Vim.Properties;

namespace SnapshotHa.Vim.Hosts;

/// <summary>ESXi hosts: list them, read their health, and watch it change (the operator's heartbeat source).</summary>
public sealed class HostService : IHostService
{
    private readonly PropertyCollector _properties;

    internal HostService(PropertyCollector properties)
    {
        _properties = properties;
    }

    /// <summary>Lists every host in the inventory with its health.</summary>
    public async Task<IReadOnlyList<HostFacts>> ListAsync(CancellationToken cancellationToken)
    {
        var hosts = await _properties.ListAsync("HostSystem", HostFacts.Paths, cancellationToken);
        return [.. hosts.Select(HostFacts.FromContent)];
    }

    /// <summary>Reads one host's health.</summary>
    /// <exception cref="Faults.ManagedObjectNotFoundException">The host does not exist.</exception>
    public async Task<HostFacts> GetFactsAsync(ManagedObjectReference host, CancellationToken cancellationToken) =>
        HostFacts.FromContent(await _properties.RetrieveObjectAsync(host, HostFacts.Paths, cancellationToken));

    /// <summary>
    /// Watches hosts: yields each host's full facts first, then again whenever one of its watched properties
    /// changes. Runs until cancelled.
    /// </summary>
    public async IAsyncEnumerable<HostFacts> WatchAsync(
        IReadOnlyList<ManagedObjectReference> hosts, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(hosts);
        var state = new Dictionary<ManagedObjectReference, Dictionary<string, string?>>();
        var spec = PropertyFilterSpec.ForObjects("HostSystem", hosts, HostFacts.Paths);
        await foreach (var update in _properties.WatchAsync(spec, cancellationToken))
        {
            if (!state.TryGetValue(update.ManagedObject, out var values))
            {
                values = new Dictionary<string, string?>(StringComparer.Ordinal);
                state[update.ManagedObject] = values;
            }

            foreach (var change in update.Changes)
            {
                values[change.Name] = change.Value?.Value;
            }

            yield return HostFacts.FromValues(update.ManagedObject, path => values.GetValueOrDefault(path));
        }
    }
}
