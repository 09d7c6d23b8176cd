using SnapshotHa.Api.Failovers;
using SnapshotHa.Api.Protection;
using SnapshotHa.Kube.Client;
using SnapshotHa.Kube.Finalizer;
using SnapshotHa.Kube.Reconciliation;
using SnapshotHa.Operator.Controllers.Endpoints;
using SnapshotHa.Vim;
using SnapshotHa.Vim.Faults;

namespace SnapshotHa.Operator.Controllers.Failovers;

/// <summary>
/// Cleans up when a Test failover is deleted: the test copy is powered off and destroyed with its files. Other
/// failovers leave their recovered VM alone (it is the production VM now).
/// </summary>
/// <param name="client">Reads the ProtectedVM.</param>
/// <param name="connections">The endpoints' sessions.</param>
public sealed class FailoverFinalizer(IKubernetesClient client, EndpointConnections connections) : IEntityFinalizer<Failover>
{
    /// <summary>The finalizer name.</summary>
    public const string Identifier = "snapshotha.io/remove-test-copy";

    /// <inheritdoc />
    public async Task<ReconciliationResult<Failover>> FinalizeAsync(Failover entity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entity);
        if (entity.Spec.Type != FailoverType.Test || entity.Status?.RecoveredVm?.Moref is not { } moref)
        {
            return ReconciliationResult<Failover>.Success(entity);
        }

        var ns = entity.Metadata.NamespaceProperty;
        var pvm = await client.GetAsync<ProtectedVM>(entity.Spec.ProtectedVMRef.Name, ns, cancellationToken);
        if (pvm is null)
        {
            return ReconciliationResult<Failover>.Success(entity);
        }

        var vim = await connections.GetAsync(ns ?? "default", pvm.Spec.EndpointRef.Name, cancellationToken);
        var vm = new ManagedObjectReference("VirtualMachine", moref);
        try
        {
            await vim.VirtualMachines.PowerOffAsync(vm, null, cancellationToken);
        }
        catch (InvalidPowerStateException)
        {
            // Already off.
        }
        catch (ManagedObjectNotFoundException)
        {
            return ReconciliationResult<Failover>.Success(entity);
        }

        await vim.VirtualMachines.DestroyAsync(vm, null, cancellationToken);
        return ReconciliationResult<Failover>.Success(entity);
    }
}
