using SnapshotHa.Operator.Controllers.Endpoints;
using SnapshotHa.Vim.Datastores;
using SnapshotHa.Vim.Hosts;

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
}
