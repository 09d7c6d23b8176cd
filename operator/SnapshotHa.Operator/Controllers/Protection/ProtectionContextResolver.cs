using SnapshotHa.Api.Policies;
using SnapshotHa.Api.Protection;
using SnapshotHa.Kube.Client;
using SnapshotHa.Kube.Watching;
using SnapshotHa.Operator.Controllers.Endpoints;
using SnapshotHa.Operator.Controllers.Policies;
using SnapshotHa.Operator.Hosting;
using SnapshotHa.Vim;
using SnapshotHa.Vim.Faults;
using SnapshotHa.Vim.VirtualMachines;

namespace SnapshotHa.Operator.Controllers.Protection;

/// <summary>Resolves a ProtectedVM's policy (from the watch cache), endpoint session, VM and repository.</summary>
/// <param name="policies">Reads policies from the watch cache.</param>
/// <param name="connections">The shared sessions.</param>
/// <param name="options">Repository root.</param>
public sealed class ProtectionContextResolver(CachedEntityReader<SnapshotPolicy> policies, EndpointConnections connections, ProtectionOptions options)
{
    /// <summary>Resolves everything or throws <see cref="ProtectionNotReadyException"/> naming what is missing.</summary>
    /// <param name="pvm">The ProtectedVM.</param>
    /// <param name="cancellationToken">Cancels the lookups.</param>
    /// <returns>The context.</returns>
    public async Task<ProtectionContext> ResolveAsync(ProtectedVM pvm, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pvm);
        var ns = pvm.Metadata.NamespaceProperty ?? "default";
        var policy = await policies.GetAsync(pvm.Spec.PolicyRef.Name, ns, cancellationToken)
            ?? throw new ProtectionNotReadyException(
                ProtectedVMConditions.ReasonPolicyNotFound, $"SnapshotPolicy {ns}/{pvm.Spec.PolicyRef.Name} does not exist", null);
        Operator.Policies.ScheduleSettings schedule;
        try
        {
            schedule = PolicySchedule.From(policy.Spec);
        }
        catch (FormatException e)
        {
            throw new ProtectionNotReadyException("PolicyInvalid", $"SnapshotPolicy {ns}/{policy.Metadata.Name}: {e.Message}", e);
        }

        VimClient vim;
        try
        {
            vim = await connections.GetAsync(ns, pvm.Spec.EndpointRef.Name, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            throw new ProtectionNotReadyException(
                ProtectedVMConditions.ReasonEndpointNotReady, $"VSphereEndpoint {ns}/{pvm.Spec.EndpointRef.Name} is not connected: {e.Message}", e);
        }

        var facts = await KnownVmFactsAsync(vim, pvm, cancellationToken)
            ?? await vim.VirtualMachines.GetFactsAsync(await FindVmAsync(vim, pvm.Spec.Vm, cancellationToken), cancellationToken);
        var volume = pvm.Spec.Repository.Volume;
        return new ProtectionContext(
            pvm,
            policy,
            schedule,
            vim,
            facts,
            EntityKey.For(ns, pvm.Spec.EndpointRef.Name),
            options.ResolveRepository(volume.ClaimName, volume.SubPath),
            $"{ns}/{pvm.Metadata.Name}");
    }

    /// <summary>
    /// The facts of the VM recorded in status when it still answers the selector: a recovered VM, else the VM last
    /// seen if its name (or instance UUID) still matches, so that a name selector does not list every VM of the
    /// endpoint on each reconcile. Null when the selector has to be resolved again (first time, VM renamed or gone).
    /// </summary>
    private static async Task<VirtualMachineFacts?> KnownVmFactsAsync(VimClient vim, ProtectedVM pvm, CancellationToken cancellationToken)
    {
        if (pvm.Status?.RecoveredVm?.Moref is { } recovered)
        {
            return await vim.VirtualMachines.GetFactsAsync(new ManagedObjectReference("VirtualMachine", recovered), cancellationToken);
        }

        var selector = pvm.Spec.Vm;
        if (selector.Moref is not null || pvm.Status?.Vm?.Moref is not { } known)
        {
            return null;
        }

        try
        {
            var facts = await vim.VirtualMachines.GetFactsAsync(new ManagedObjectReference("VirtualMachine", known), cancellationToken);
            var matches = selector.InstanceUuid is { } uuid
                ? string.Equals(facts.InstanceUuid, uuid, StringComparison.OrdinalIgnoreCase)
                : facts.Name == selector.Name;
            return matches ? facts : null;
        }
        catch (ManagedObjectNotFoundException)
        {
            return null;
        }
    }

    private static async Task<ManagedObjectReference> FindVmAsync(VimClient vim, VmSelector selector, CancellationToken cancellationToken)
    {
        if (selector.Moref is { } moref)
        {
            return new ManagedObjectReference("VirtualMachine", moref);
        }

        if (selector.InstanceUuid is { } uuid)
        {
            return await vim.VirtualMachines.FindByUuidAsync(uuid, instanceUuid: true, cancellationToken)
                ?? throw new ProtectionNotReadyException(ProtectedVMConditions.ReasonVmNotFound, $"No VM has instance UUID {uuid}", null);
        }

        var found = await vim.VirtualMachines.FindByNameAsync(selector.Name ?? "", cancellationToken);
        return found.Count switch
        {
            1 => found[0],
            0 => throw new ProtectionNotReadyException(ProtectedVMConditions.ReasonVmNotFound, $"No VM is named '{selector.Name}'", null),
            _ => throw new ProtectionNotReadyException(
                ProtectedVMConditions.ReasonVmNotFound, $"{found.Count} VMs are named '{selector.Name}'; select by moref or instanceUuid", null),
        };
    }
}
