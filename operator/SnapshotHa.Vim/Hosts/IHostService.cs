namespace SnapshotHa.Vim.Hosts;

/// <summary>Host health (implemented by <see cref="HostService"/>; fake it in controller tests).</summary>
public interface IHostService
{
    /// <inheritdoc cref="HostService.ListAsync"/>
    Task<IReadOnlyList<HostFacts>> ListAsync(CancellationToken cancellationToken);

    /// <inheritdoc cref="HostService.GetFactsAsync"/>
    Task<HostFacts> GetFactsAsync(ManagedObjectReference host, CancellationToken cancellationToken);

    /// <inheritdoc cref="HostService.WatchAsync"/>
    IAsyncEnumerable<HostFacts> WatchAsync(IReadOnlyList<ManagedObjectReference> hosts, CancellationToken cancellationToken);
}
