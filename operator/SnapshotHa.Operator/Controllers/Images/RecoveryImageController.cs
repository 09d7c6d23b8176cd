using SnapshotHa.Api.Images;
using SnapshotHa.Api.Protection;
using SnapshotHa.Kube.Client;
using SnapshotHa.Kube.Controller;
using SnapshotHa.Kube.Reconciliation;
using SnapshotHa.Kube.Status;
using SnapshotHa.Operator.Hosting;
using SnapshotHa.Operator.Telemetry;

namespace SnapshotHa.Operator.Controllers.Images;

/// <summary>
/// Looks after RecoveryImages outside the cycle: a new image starts Pending, an image whose ProtectedVM is gone or
/// that never committed while its ProtectedVM moved past it is marked Failed with the reason. The cycle itself
/// moves images through Shipping, Merging and Committed; once Committed, <see cref="ImageReplication"/> syncs the image
/// to the policy's secondary repository.
/// </summary>
/// <param name="client">Reads ProtectedVMs.</param>
/// <param name="statusWriter">Writes status.</param>
/// <param name="replication">Syncs committed images to the policy's secondary repository.</param>
/// <param name="options">How often an image still in progress is looked at again (its commit changes only status).</param>
/// <param name="timeProvider">Clock.</param>
/// <param name="metrics">Counts failed images.</param>
public sealed class RecoveryImageController(
    IKubernetesClient client, EntityStatusWriter statusWriter, ImageReplication replication, ProtectionOptions options, TimeProvider timeProvider, ProtectionMetrics metrics)
    : IEntityController<RecoveryImage>
{
    /// <inheritdoc />
    public async Task<ReconciliationResult<RecoveryImage>> ReconcileAsync(RecoveryImage entity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entity);
        var phase = entity.Status?.Phase;
        if (phase is RecoveryImagePhase.Committed or RecoveryImagePhase.Superseded)
        {
            return await replication.ReconcileAsync(entity, cancellationToken);
        }

        if (phase is RecoveryImagePhase.Pruned or RecoveryImagePhase.Failed)
        {
            return ReconciliationResult<RecoveryImage>.Success(entity);
        }

        var pvm = await client.GetAsync<ProtectedVM>(entity.Spec.ProtectedVMRef.Name, entity.Metadata.NamespaceProperty, cancellationToken);
        var abandoned = pvm?.Status?.LatestCommittedImage is { } latest && latest.Sequence >= entity.Spec.Sequence;
        var updated = await statusWriter.UpdateStatusAsync(entity, i =>
        {
            i.Status.ObservedGeneration = i.Metadata.Generation;
            if (i.Status.Phase is RecoveryImagePhase.Committed or RecoveryImagePhase.Superseded or RecoveryImagePhase.Pruned)
            {
                return;
            }

            if (pvm is null || abandoned)
            {
                i.Status.Phase = RecoveryImagePhase.Failed;
                i.Status.Set(
                    RecoveryImageConditions.Committed,
                    false,
                    pvm is null ? "ProtectedVMNotFound" : "Abandoned",
                    pvm is null
                        ? $"ProtectedVM {entity.Spec.ProtectedVMRef.Name} does not exist"
                        : $"ProtectedVM {pvm.Metadata.Name} committed sequence {pvm.Status!.LatestCommittedImage!.Sequence} without this image",
                    i.Metadata.Generation,
                    timeProvider);
            }
            else
            {
                i.Status.Phase ??= RecoveryImagePhase.Pending;
            }
        }, cancellationToken);
        if (updated.Status?.Phase == RecoveryImagePhase.Failed)
        {
            metrics.ImageFailed(updated.Metadata.NamespaceProperty, pvm is null ? "ProtectedVMNotFound" : "Abandoned");
        }

        // Status changes do not trigger reconciles: look again to sync the image once the cycle committed it.
        return updated.Status?.Phase is RecoveryImagePhase.Failed
            ? ReconciliationResult<RecoveryImage>.Success(updated)
            : ReconciliationResult<RecoveryImage>.Success(updated, options.RetryDelay);
    }

    /// <inheritdoc />
    public Task<ReconciliationResult<RecoveryImage>> DeletedAsync(RecoveryImage entity, CancellationToken cancellationToken) =>
        Task.FromResult(ReconciliationResult<RecoveryImage>.Success(entity));
}
