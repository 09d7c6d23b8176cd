using SnapshotHa.Api.Images;
using SnapshotHa.Api.Protection;
using SnapshotHa.Kube.Client;
using SnapshotHa.Kube.Controller;
using SnapshotHa.Kube.Reconciliation;
using SnapshotHa.Kube.Status;
using SnapshotHa.Operator.Telemetry;

namespace SnapshotHa.Operator.Controllers.Images;

/// <summary>
/// Looks after RecoveryImages outside the cycle: a new image starts Pending, an image whose ProtectedVM is gone or
/// that never committed while its ProtectedVM moved past it is marked Failed with the reason. The cycle itself
/// moves images through Shipping, Merging and Committed.
/// </summary>
/// <param name="client">Reads ProtectedVMs.</param>
/// <param name="statusWriter">Writes status.</param>
/// <param name="timeProvider">Clock.</param>
/// <param name="metrics">Counts failed images.</param>
public sealed class RecoveryImageController(IKubernetesClient client, EntityStatusWriter statusWriter, TimeProvider timeProvider, ProtectionMetrics metrics)
    : IEntityController<RecoveryImage>
{
    /// <inheritdoc />
    public async Task<ReconciliationResult<RecoveryImage>> ReconcileAsync(RecoveryImage entity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entity);
        var phase = entity.Status?.Phase;
        if (phase is RecoveryImagePhase.Committed or RecoveryImagePhase.Superseded or RecoveryImagePhase.Pruned or RecoveryImagePhase.Failed)
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

        return ReconciliationResult<RecoveryImage>.Success(updated);
    }

    /// <inheritdoc />
    public Task<ReconciliationResult<RecoveryImage>> DeletedAsync(RecoveryImage entity, CancellationToken cancellationToken) =>
        Task.FromResult(ReconciliationResult<RecoveryImage>.Success(entity));
}
