using Microsoft.Extensions.Logging;
using SnapshotHa.Api.Images;
using SnapshotHa.Api.Policies;
using SnapshotHa.Api.Protection;
using SnapshotHa.Kube.Client;
using SnapshotHa.Kube.Reconciliation;
using SnapshotHa.Kube.Status;
using SnapshotHa.Operator.Hosting;
using SnapshotHa.Repository;
using SnapshotHa.Repository.Sync;

namespace SnapshotHa.Operator.Controllers.Images;

/// <summary>
/// Copies a committed image to its policy's secondary repository (the repository sync of <c>snapshotha repo sync</c>:
/// the manifest and every object it needs that the target lacks), then records the target and time in
/// <c>status.secondaryRepository</c> and sets the Replicated condition. A failed sync sets Replicated=False with
/// reason SyncFailed and is retried after the retry delay; it never changes the image's phase.
/// </summary>
/// <param name="client">Reads the ProtectedVM and its policy.</param>
/// <param name="targets">Opens the secondary repository.</param>
/// <param name="statusWriter">Writes image status.</param>
/// <param name="options">Repository root and retry delay.</param>
/// <param name="timeProvider">Clock.</param>
/// <param name="logger">Logs syncs.</param>
public sealed class ImageReplication(
    IKubernetesClient client,
    SecondaryRepositoryTargets targets,
    EntityStatusWriter statusWriter,
    ProtectionOptions options,
    TimeProvider timeProvider,
    ILogger<ImageReplication> logger)
{
    /// <summary>Syncs <paramref name="image"/> when its policy names a secondary repository it is not yet synced to.</summary>
    /// <param name="image">A Committed or Superseded image.</param>
    /// <param name="cancellationToken">Cancels the sync; a partial copy is completed by the next one.</param>
    /// <returns>The reconciliation result: requeued after the retry delay when the sync failed.</returns>
    public async Task<ReconciliationResult<RecoveryImage>> ReconcileAsync(RecoveryImage image, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(image);
        var ns = image.Metadata.NamespaceProperty ?? "default";
        if (image.Status?.ManifestId is not { } manifestId
            || await client.GetAsync<ProtectedVM>(image.Spec.ProtectedVMRef.Name, ns, cancellationToken) is not { } pvm
            || await client.GetAsync<SnapshotPolicy>(pvm.Spec.PolicyRef.Name, ns, cancellationToken) is not { Spec.SecondaryRepository: { } secondary })
        {
            return ReconciliationResult<RecoveryImage>.Success(image);
        }

        try
        {
            using var target = await targets.OpenAsync(secondary, ns, cancellationToken);
            if (image.Status.SecondaryRepository is { SyncedTime: not null } synced && synced.Target == target.Name)
            {
                return ReconciliationResult<RecoveryImage>.Success(image);
            }

            var volume = pvm.Spec.Repository.Volume;
            using var repository = await ImageRepository.OpenAsync(
                options.ResolveRepository(volume.ClaimName, volume.SubPath), create: false, new RepositoryOptions { TimeProvider = timeProvider }, cancellationToken);
            var report = await new RepositorySync(repository, target).SyncAsync(manifestId, null, cancellationToken);
            var updated = await statusWriter.UpdateStatusAsync(image, i =>
            {
                i.Status.SecondaryRepository = new ReplicationStatus
                {
                    Target = target.Name,
                    SyncedTime = timeProvider.GetUtcNow().UtcDateTime,
                    ObjectsCopied = report.ObjectsCopied,
                    BytesCopied = report.BytesCopied,
                };
                i.Status.Set(
                    RecoveryImageConditions.Replicated,
                    true,
                    RecoveryImageConditions.ReasonSynced,
                    $"Synced to {target.Name}: {report.ObjectsCopied} objects ({report.BytesCopied} bytes) copied, {report.ObjectsPresent} present",
                    i.Metadata.Generation,
                    timeProvider);
            }, cancellationToken);
            Log.ImageReplicated(logger, ns, image.Metadata.Name, target.Name, report.ObjectsCopied, report.BytesCopied);
            return ReconciliationResult<RecoveryImage>.Success(updated);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            Log.ReplicationFailed(logger, ns, image.Metadata.Name, e.Message);
            var updated = await statusWriter.UpdateStatusAsync(image, i => i.Status.Set(
                RecoveryImageConditions.Replicated,
                false,
                RecoveryImageConditions.ReasonSyncFailed,
                $"Syncing to the secondary repository failed (retrying): {e.Message}",
                i.Metadata.Generation,
                timeProvider), cancellationToken);
            return ReconciliationResult<RecoveryImage>.Success(updated, options.RetryDelay);
        }
    }
}
