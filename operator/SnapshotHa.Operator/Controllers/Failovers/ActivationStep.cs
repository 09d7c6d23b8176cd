using System.Globalization;
using SnapshotHa.Api.Failovers;
using SnapshotHa.Api.Protection;
using SnapshotHa.Kube.Client;
using SnapshotHa.Repository.Manifests;
using SnapshotHa.Vim;
using SnapshotHa.Vim.Datastores;
using SnapshotHa.Vim.Faults;
using SnapshotHa.Vim.VirtualMachines;

namespace SnapshotHa.Operator.Controllers.Failovers;

/// <summary>
/// Activation: creates the recovered VM over the uploaded disks with the saved configuration (same name, same MACs
/// unless spec.recovery.keepMacAddresses is false, networks mapped by spec.recovery.networkMappings; a Test
/// failover's adapters all go to its isolated network), then powers it on. The VM's .vmx path in the failover's
/// folder identifies it, so a restarted operator finds the VM it created instead of creating a second one.
/// </summary>
public sealed class ActivationStep
{
    /// <summary>Finds the VM created earlier for this failover, or null.</summary>
    /// <param name="context">The failover.</param>
    /// <param name="target">The recovery target.</param>
    /// <param name="cancellationToken">Cancels the lookups.</param>
    /// <returns>The VM or null.</returns>
    public static async Task<ManagedObjectReference?> FindAsync(FailoverContext context, RecoveryTarget target, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(target);
        if (context.Failover.Status?.RecoveredVm?.Moref is { } moref)
        {
            var vm = new ManagedObjectReference("VirtualMachine", moref);
            try
            {
                await context.Vim.VirtualMachines.GetFactsAsync(vm, cancellationToken);
                return vm;
            }
            catch (ManagedObjectNotFoundException)
            {
                // Removed meanwhile: look by path, then create again.
            }
        }

        var vmx = VmxPath(context, target).ToString();
        var all = await context.Vim.VirtualMachines.ListVmxPathsAsync(cancellationToken);
        return all.FirstOrDefault(v => v.VmxPath == vmx).Vm;
    }

    /// <summary>Creates the VM (when <see cref="FindAsync"/> found none).</summary>
    /// <param name="context">The failover.</param>
    /// <param name="target">The recovery target.</param>
    /// <param name="manifest">The restored image (disk keys and capacities).</param>
    /// <param name="cancellationToken">Cancels the vSphere calls.</param>
    /// <returns>The new VM.</returns>
    public static async Task<ManagedObjectReference> CreateAsync(
        FailoverContext context, RecoveryTarget target, ImageManifest manifest, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(manifest);
        var saved = context.Pvm.Status?.SavedConfiguration ?? new SavedVmConfiguration();
        var nics = Nics(context);
        var disks = manifest.Disks
            .Select(d => new NewVirtualDisk(
                int.TryParse(d.Key, NumberStyles.Integer, CultureInfo.InvariantCulture, out var key) ? key : 0,
                RestoreStep.DiskPath(target, d.Key),
                d.Capacity))
            .ToList();
        var spec = new VirtualMachineCreateSpec(
            Name(context),
            VmxPath(context, target),
            saved.NumCpus,
            saved.MemoryMB,
            saved.GuestId,
            disks,
            nics,
            new Dictionary<string, string> { [FailoverNames.CreatedByKey] = EntityKey.For(context.Failover) });
        var placement = await RecoveryTargets.PlacementAsync(context, target.Host, cancellationToken);
        return await context.Vim.VirtualMachines.CreateAsync(placement, spec, null, cancellationToken);
    }

    /// <summary>The recovered VM's adapters: the saved ones with their MACs (unless keepMacAddresses is false), networks mapped.</summary>
    /// <param name="context">The failover.</param>
    /// <returns>The adapters.</returns>
    public static IReadOnlyList<NewVirtualNic> Nics(FailoverContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var saved = context.Pvm.Status?.SavedConfiguration ?? new SavedVmConfiguration();
        var recovery = context.Pvm.Spec.Recovery ?? new RecoverySpec();
        var isolated = context.Failover.Spec.Type == FailoverType.Test ? context.Failover.Spec.IsolatedNetwork : null;
        return [.. (saved.Nics ?? []).Select(n => new NewVirtualNic(
            n.DeviceType,
            recovery.KeepMacAddresses ? n.MacAddress : null,
            isolated ?? MapNetwork(recovery, n.Network ?? "VM Network")))];
    }

    /// <summary>Powers the VM on unless it runs already.</summary>
    /// <param name="context">The failover.</param>
    /// <param name="vm">The recovered VM.</param>
    /// <param name="cancellationToken">Cancels the vSphere calls.</param>
    /// <returns>A task that completes when the VM runs.</returns>
    public static async Task PowerOnAsync(FailoverContext context, ManagedObjectReference vm, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var facts = await context.Vim.VirtualMachines.GetFactsAsync(vm, cancellationToken);
        if (facts.PowerState == VirtualMachinePowerState.PoweredOn)
        {
            return;
        }

        try
        {
            await context.Vim.VirtualMachines.PowerOnAsync(vm, null, null, cancellationToken);
        }
        catch (InvalidPowerStateException)
        {
            // Powered on meanwhile.
        }
    }

    /// <summary>The recovered VM's name: the source's, or <c>&lt;name&gt;-test</c> for a test copy.</summary>
    /// <param name="context">The failover.</param>
    /// <returns>The name.</returns>
    public static string Name(FailoverContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var name = context.Failover.Status?.SourceVm?.Name ?? context.Pvm.Status?.Vm?.Name ?? context.Pvm.Metadata.Name;
        return context.Failover.Spec.Type == FailoverType.Test ? $"{name}-test" : name;
    }

    private static DatastorePath VmxPath(FailoverContext context, RecoveryTarget target) =>
        new(target.Datastore, $"{target.Folder}/{Name(context)}.vmx");

    private static string MapNetwork(RecoverySpec recovery, string network) =>
        recovery.NetworkMappings?.FirstOrDefault(m => m.Source == network)?.Target ?? network;
}
