using Microsoft.Extensions.Logging;
using SnapshotHa.Api.Protection;
using SnapshotHa.Kube.Finalizer;
using SnapshotHa.Kube.Reconciliation;

namespace SnapshotHa.Operator.Controllers.Protection;

/// <summary>
/// Removes our snapshots from the source VM when its ProtectedVM is deleted (user snapshots stay). The images
/// follow their owner through garbage collection; the repository data stays for manual restores.
/// </summary>
/// <param name="resolver">Resolves session and VM.</param>
/// <param name="logger">Logs removals.</param>
public sealed class ProtectedVMFinalizer(ProtectionContextResolver resolver, ILogger<ProtectedVMFinalizer> logger) : IEntityFinalizer<ProtectedVM>
{
    /// <summary>The finalizer name on ProtectedVMs.</summary>
    public const string Identifier = "snapshotha.io/remove-snapshots";

    /// <inheritdoc />
    public async Task<ReconciliationResult<ProtectedVM>> FinalizeAsync(ProtectedVM entity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entity);
        ProtectionContext context;
        try
        {
            context = await resolver.ResolveAsync(entity, cancellationToken);
        }
        catch (ProtectionNotReadyException e) when (e.Reason is ProtectedVMConditions.ReasonVmNotFound or ProtectedVMConditions.ReasonPolicyNotFound or "PolicyInvalid")
        {
            // The VM is gone (nothing to clean) or the policy is: policies do not matter for cleanup, but resolving
            // needs one; without it our snapshots cannot be found here and are left for the user.
            return ReconciliationResult<ProtectedVM>.Success(entity);
        }

        var tree = await context.Client.Snapshots.GetTreeAsync(context.Facts.Vm, cancellationToken);
        foreach (var snapshot in OurSnapshots.In(tree, entity).Reverse())
        {
            await context.Client.Snapshots.RemoveAsync(snapshot.Snapshot, removeChildren: false, consolidate: true, null, cancellationToken);
            Log.SnapshotRemoved(logger, entity.Metadata.NamespaceProperty, entity.Metadata.Name, snapshot.Name);
        }

        return ReconciliationResult<ProtectedVM>.Success(entity);
    }
}
