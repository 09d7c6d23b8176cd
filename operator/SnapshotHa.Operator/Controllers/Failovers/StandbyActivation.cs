using SnapshotHa.Api.Failovers;
using SnapshotHa.Api.Protection;
using SnapshotHa.Operator.Controllers.Endpoints;
using SnapshotHa.Operator.Controllers.Standbys;
using SnapshotHa.Vim;
using SnapshotHa.Vim.VirtualMachines;

namespace SnapshotHa.Operator.Controllers.Failovers;

/// <summary>
/// Activating a standby instead of uploading the image: usable when a standby holds exactly the failover's image, on
/// a host other than the source's that answers heartbeats, and no refresh of it is half done. Activation gives it the
/// source's name and network identity (adapters with the saved MACs and mapped networks), then it is powered on.
/// </summary>
/// <param name="heartbeats">Healthy hosts.</param>
public sealed class StandbyActivation(HeartbeatMonitor heartbeats)
{
    /// <summary>Chooses a standby for the failover, or null to restore the image.</summary>
    /// <param name="context">The failover (status.image set).</param>
    /// <param name="cancellationToken">Cancels the lookups.</param>
    /// <returns>The standby, or null.</returns>
    public async Task<StandbyStatus?> ChooseAsync(FailoverContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var failover = context.Failover;
        if (failover.Spec.Type == FailoverType.Test || failover.Spec.TargetHost is not null || failover.Status?.Image is not { } image)
        {
            return null;
        }

        var hosts = await context.Vim.Hosts.ListAsync(cancellationToken);
        foreach (var standby in context.Pvm.Status?.Standbys ?? [])
        {
            var host = hosts.FirstOrDefault(h => h.Name == standby.Host);
            if (standby.Moref is null || standby.ImageSequence != image.Sequence || host is null || standby.Host == failover.Status.SourceVm?.Host
                || heartbeats.Host(context.EndpointKey, host.Host.Value) is { ConsecutiveMisses: > 0 })
            {
                continue;
            }

            var tree = await context.Vim.Snapshots.GetTreeAsync(new ManagedObjectReference("VirtualMachine", standby.Moref), cancellationToken);
            if (!tree.All.Any(s => s.Name == StandbyNames.RefreshSnapshot))
            {
                return standby;
            }
        }

        return null;
    }

    /// <summary>Gives the standby the source's name and adapters (once; repeating changes nothing).</summary>
    /// <param name="context">The failover.</param>
    /// <param name="vm">The standby VM.</param>
    /// <param name="cancellationToken">Cancels the calls.</param>
    /// <returns>A task that completes when reconfigured.</returns>
    public static async Task PrepareAsync(FailoverContext context, ManagedObjectReference vm, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var name = ActivationStep.Name(context);
        var facts = await context.Vim.VirtualMachines.GetFactsAsync(vm, cancellationToken);
        var hardware = await context.Vim.VirtualMachines.GetHardwareAsync(vm, cancellationToken);
        var nics = hardware.Nics.Count == 0 ? ActivationStep.Nics(context) : [];
        if (facts.Name == name && nics.Count == 0)
        {
            return;
        }

        await context.Vim.VirtualMachines.ReconfigureAsync(vm, new VirtualMachineConfigChange(Name: name, AddNics: nics), null, cancellationToken);
    }
}
