using SnapshotHa.Operator.Controllers.Endpoints;
using SnapshotHa.Vim.Datastores;
using SnapshotHa.Vim;
using SnapshotHa.Vim.Hosts;
using SnapshotHa.Vim.VirtualMachines;

namespace SnapshotHa.Operator.Controllers.Failovers;

/// <summary>
/// Chooses the recovery host and datastore: spec.targetHost, else the ProtectedVM's spec.recovery.targetHost, else
/// the first (by name) connected host outside maintenance whose heartbeat is clean, preferring hosts other than the
/// source's; the datastore is spec.recovery.datastore, else the source's first disk's.
/// </summary>
/// <param name="heartbeats">The host heartbeat loops.</param>
public sealed class RecoveryTargets(HeartbeatMonitor heartbeats)
{
    /// <summary>Resolves the target.</summary>
    /// <param name="context">The failover.</param>
    /// <param name="cancellationToken">Cancels the host listing.</param>
    /// <returns>The target.</returns>
    /// <exception cref="InvalidOperationException">No host fits, or the datastore is unknown.</exception>
    public async Task<RecoveryTarget> ResolveAsync(FailoverContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var failover = context.Failover;
        var pvm = context.Pvm;
        var hosts = await context.Vim.Hosts.ListAsync(cancellationToken);
        var wanted = failover.Status?.RecoveredVm?.Host ?? failover.Spec.TargetHost ?? pvm.Spec.Recovery?.TargetHost;
        HostFacts? host;
        if (wanted is not null)
        {
            host = hosts.FirstOrDefault(h => h.Name == wanted || h.Host.Value == wanted)
                ?? throw new InvalidOperationException($"Target host '{wanted}' does not exist");
        }
        else
        {
            var source = failover.Status?.SourceVm?.Host;
            var healthy = hosts
                .Where(h => h.ConnectionState == HostConnectionState.Connected && !h.InMaintenanceMode)
                .Where(h => heartbeats.Host(context.EndpointKey, h.Host.Value) is not { ConsecutiveMisses: > 0 })
                .OrderBy(h => h.Name == source || h.Host.Value == source ? 1 : 0)
                .ThenBy(h => h.Name, StringComparer.Ordinal)
                .ToList();
            host = healthy.FirstOrDefault()
                ?? throw new InvalidOperationException($"No connected host answers heartbeats (of {hosts.Count})");
        }

        var datastore = pvm.Spec.Recovery?.Datastore
            ?? (pvm.Status?.Vm?.Disks?.FirstOrDefault()?.FileName is { } file && DatastorePath.TryParse(file, out var path) ? path.Datastore : null)
            ?? throw new InvalidOperationException("No recovery datastore: set spec.recovery.datastore on the ProtectedVM");
        return new RecoveryTarget(host.Host, host.Name, datastore, FailoverNames.Folder(failover));
    }

    /// <summary>
    /// Where the recovered VM is created: the target host's root resource pool and its datacenter's VM folder, or the
    /// ProtectedVM's <c>spec.recovery.resourcePool</c> / <c>spec.recovery.folder</c> (inventory paths) when set.
    /// </summary>
    /// <param name="context">The failover.</param>
    /// <param name="host">The target host.</param>
    /// <param name="cancellationToken">Cancels the vSphere calls.</param>
    /// <returns>The placement.</returns>
    /// <exception cref="InvalidOperationException">A named folder or pool does not exist or is of another kind.</exception>
    public static async Task<VirtualMachinePlacement> PlacementAsync(FailoverContext context, ManagedObjectReference host, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var placement = await context.Vim.VirtualMachines.GetPlacementAsync(host, cancellationToken);
        var recovery = context.Pvm.Spec.Recovery;
        if (recovery?.Folder is { Length: > 0 } folder)
        {
            placement = placement with { Folder = await FindAsync(context, folder, "spec.recovery.folder", ["Folder"], cancellationToken) };
        }

        if (recovery?.ResourcePool is { Length: > 0 } pool)
        {
            placement = placement with { ResourcePool = await FindAsync(context, pool, "spec.recovery.resourcePool", ["ResourcePool", "VirtualApp"], cancellationToken) };
        }

        return placement;
    }

    private static async Task<ManagedObjectReference> FindAsync(
        FailoverContext context, string path, string field, string[] types, CancellationToken cancellationToken)
    {
        var found = await context.Vim.VirtualMachines.FindByInventoryPathAsync(path, cancellationToken)
            ?? throw new InvalidOperationException($"{field} '{path}' does not exist: give its inventory path, e.g. DC0/vm/apps or DC0/host/cluster/Resources/pool");
        return types.Contains(found.Type, StringComparer.Ordinal)
            ? found
            : throw new InvalidOperationException($"{field} '{path}' is a {found.Type}, not a {string.Join(" or ", types)}");
    }
}
