using Microsoft.Extensions.Logging;
using SnapshotHa.Api.Images;
using SnapshotHa.Api.Protection;
using SnapshotHa.Kube.Client;
using SnapshotHa.Kube.Status;
using SnapshotHa.Operator.Hosting;
using SnapshotHa.Operator.Telemetry;
using SnapshotHa.Repository;
using SnapshotHa.Repository.Maintenance;

namespace SnapshotHa.Operator.Controllers.Protection;

/// <summary>
/// Cycle step 4: applies the policy's retention to this ProtectedVM's series (other series in a shared repository
/// are left alone), marks dropped images Pruned and older committed ones Superseded, deletes their manifests, and
/// collects unreferenced chunks when the repository's collection is due (<see cref="RepositoryMaintenance"/>).
/// Pruned RecoveryImage objects beyond the newest <see cref="ProtectionOptions.PrunedImagesKept"/> are deleted, so
/// they do not accumulate; the kept ones are the audit trail of what retention dropped.
/// </summary>
/// <param name="client">Lists images.</param>
/// <param name="statusWriter">Writes image status.</param>
/// <param name="options">How many Pruned objects are kept.</param>
/// <param name="timeProvider">Clock.</param>
/// <param name="metrics">Records the repository's size.</param>
/// <param name="logger">Logs pruning.</param>
/// <param name="maintenance">Paces garbage collection and size measurement per repository.</param>
public sealed class PruneStep(
    IKubernetesClient client,
    EntityStatusWriter statusWriter,
    ProtectionOptions options,
    TimeProvider timeProvider,
    ProtectionMetrics metrics,
    ILogger<PruneStep> logger,
    RepositoryMaintenance maintenance)
{
    /// <summary>Runs the step.</summary>
    /// <param name="context">The resolved ProtectedVM.</param>
    /// <param name="latest">The newest committed image (never pruned).</param>
    /// <param name="cancellationToken">Cancels the step.</param>
    /// <returns>A task that completes when retention is applied.</returns>
    public async Task RunAsync(ProtectionContext context, string latest, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var retention = context.Policy.Spec.Retention ?? new Api.Policies.RetentionSpec();
        var policy = new RetentionPolicy(Math.Max(1, retention.KeepLast), null);
        using var repository = await ImageRepository.OpenAsync(context.RepositoryPath, create: true, null, cancellationToken);
        var series = repository.ListImages().Where(i => i.Series == context.Series);
        IReadOnlyList<string> expired = [.. policy.SelectExpired(series, timeProvider.GetUtcNow()).Select(i => i.Id)];

        var images = await client.ListAsync<RecoveryImage>(
            context.Pvm.Metadata.NamespaceProperty, $"{RecoveryImageNames.ProtectedVmLabel}={context.Pvm.Metadata.Name}", cancellationToken);
        var prunedImages = new List<RecoveryImage>();
        foreach (var image in images.Where(i => i.Metadata.Name != latest))
        {
            var pruned = image.Status?.ManifestId is { } id && expired.Contains(id);
            var phase = pruned ? RecoveryImagePhase.Pruned : image.Status?.Phase == RecoveryImagePhase.Committed ? RecoveryImagePhase.Superseded : image.Status?.Phase;
            var current = phase != image.Status?.Phase
                ? await statusWriter.UpdateStatusAsync(image, i => i.Status.Phase = phase, cancellationToken)
                : image;
            if (phase == RecoveryImagePhase.Pruned)
            {
                prunedImages.Add(current);
            }
        }

        // Manifests go only after their images are marked Pruned: an operator stopped in between leaves expired
        // manifests that the next run deletes, never a Committed or Superseded image without its manifest.
        foreach (var id in expired)
        {
            repository.Manifests.Delete(id);
        }

        if (expired.Count > 0)
        {
            await maintenance.CollectGarbageIfDueAsync(repository, cancellationToken);
        }

        var deleted = 0;
        foreach (var image in prunedImages.OrderByDescending(i => i.Spec.Sequence).Skip(Math.Max(0, options.PrunedImagesKept)))
        {
            await client.DeleteAsync(image, cancellationToken);
            deleted++;
        }

        if (deleted > 0)
        {
            Log.PrunedImagesDeleted(logger, context.Pvm.Metadata.NamespaceProperty, context.Pvm.Metadata.Name, deleted, options.PrunedImagesKept);
        }

        metrics.RepositoryMeasured(context.Pvm, maintenance.Measure(repository, context.Series));
        if (expired.Count > 0)
        {
            Log.Pruned(logger, context.Pvm.Metadata.NamespaceProperty, context.Pvm.Metadata.Name, expired.Count);
        }
    }
}
