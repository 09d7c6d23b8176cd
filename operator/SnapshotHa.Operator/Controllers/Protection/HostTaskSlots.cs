using System.Collections.Concurrent;
using SnapshotHa.Operator.Concurrency;
using SnapshotHa.Operator.Hosting;

namespace SnapshotHa.Operator.Controllers.Protection;

/// <summary>
/// Bounds the snapshot tasks (create, remove and consolidate) the operator runs at once on each ESXi host, whatever
/// the number of reconcile workers: every such task stuns VMs and loads the host's datastores, and many at once on one
/// host make each slower (backup products bound it the same way, e.g. per datastore). A cycle step that finds its
/// host's slots taken does not wait on a worker: it is retried shortly.
/// </summary>
/// <param name="options">The bound (<see cref="ProtectionOptions.MaxSnapshotTasksPerHost"/>).</param>
public sealed class HostTaskSlots(ProtectionOptions options)
{
    private readonly ConcurrentDictionary<(string Endpoint, string Host), SemaphoreSlim> _hosts = new();

    /// <summary>Takes a slot of <paramref name="host"/>, or returns null when all are taken.</summary>
    /// <param name="endpointKey">The endpoint's namespace/name.</param>
    /// <param name="host">The host's managed object id; null (unknown host) shares one bound per endpoint.</param>
    /// <returns>The slot, released on dispose; null when the host is at its bound.</returns>
    public IDisposable? TryAcquire(string endpointKey, string? host)
    {
        var slots = _hosts.GetOrAdd((endpointKey, host ?? ""), _ => new SemaphoreSlim(Math.Max(1, options.MaxSnapshotTasksPerHost)));
        return slots.Wait(0) ? new SemaphoreLease(slots) : null;
    }
}
