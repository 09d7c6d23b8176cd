using System.Globalization;
using SnapshotHa.Api.Images;
using SnapshotHa.Kube.Client;
using SnapshotHa.Repository.Manifests;
using SnapshotHa.Vim.Datastores;

namespace SnapshotHa.Operator.Controllers.Failovers;

/// <summary>
/// Restore: uploads every disk of the chosen committed image into the recovery folder on the target datastore
/// (<see cref="ImageUploader"/>). Uploads overwrite, so a restarted operator simply repeats the step.
/// </summary>
/// <param name="client">Reads the RecoveryImage.</param>
/// <param name="uploader">Materializes and uploads.</param>
public sealed class RestoreStep(IKubernetesClient client, ImageUploader uploader)
{
    /// <summary>The descriptor path of disk <paramref name="diskKey"/> in the recovery folder.</summary>
    /// <param name="target">The recovery target.</param>
    /// <param name="diskKey">The disk's key in the image.</param>
    /// <returns>The datastore path.</returns>
    public static DatastorePath DiskPath(RecoveryTarget target, string diskKey)
    {
        ArgumentNullException.ThrowIfNull(target);
        return ImageUploader.DiskPath(target.Datastore, target.Folder, diskKey);
    }

    /// <summary>Reads the manifest of the image the failover restores.</summary>
    /// <param name="context">The failover (status.image set).</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    /// <returns>The manifest.</returns>
    /// <exception cref="InvalidOperationException">The image is not committed.</exception>
    public async Task<ImageManifest> ReadManifestAsync(FailoverContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        using var repository = await uploader.OpenRepositoryAsync(context.Pvm, cancellationToken);
        return repository.GetImage(await ManifestIdAsync(context, cancellationToken));
    }

    /// <summary>Materializes and uploads every disk.</summary>
    /// <param name="context">The failover (status.image set).</param>
    /// <param name="target">Where to upload.</param>
    /// <param name="cancellationToken">Cancels the transfer.</param>
    /// <returns>The bytes uploaded.</returns>
    public async Task<long> RunAsync(FailoverContext context, RecoveryTarget target, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(target);
        var manifestId = await ManifestIdAsync(context, cancellationToken);
        using var repository = await uploader.OpenRepositoryAsync(context.Pvm, cancellationToken);
        return await uploader.UploadAsync(context.Vim, repository, manifestId, target.Datastore, target.Folder, cancellationToken);
    }

    private async Task<string> ManifestIdAsync(FailoverContext context, CancellationToken cancellationToken)
    {
        var name = context.Failover.Status?.Image?.Name ?? throw new InvalidOperationException("status.image is not set");
        var image = await client.GetAsync<RecoveryImage>(name, context.Failover.Metadata.NamespaceProperty, cancellationToken)
            ?? throw new InvalidOperationException($"RecoveryImage {name} does not exist");
        return image.Status?.Phase is RecoveryImagePhase.Committed or RecoveryImagePhase.Superseded && image.Status.ManifestId is { } id
            ? id
            : throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture, $"RecoveryImage {name} is {image.Status?.Phase}, not committed"));
    }
}
