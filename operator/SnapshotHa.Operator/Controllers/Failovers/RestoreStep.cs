using System.Globalization;
using SnapshotHa.Api.Images;
using SnapshotHa.Disks.Descriptors;
using SnapshotHa.Kube.Client;
using SnapshotHa.Operator.Hosting;
using SnapshotHa.Repository;
using SnapshotHa.Repository.Manifests;
using SnapshotHa.Vim.Datastores;

namespace SnapshotHa.Operator.Controllers.Failovers;

/// <summary>
/// Restore: materializes every disk of the chosen committed image as a flat disk in a local staging folder and
/// uploads extent and descriptor (<c>createType="vmfs"</c>, as ESXi keeps flat disks) into the recovery folder on
/// the target datastore. Uploads overwrite, so a restarted operator simply repeats the step.
/// </summary>
/// <param name="client">Reads the RecoveryImage.</param>
/// <param name="protection">Where repositories are mounted.</param>
/// <param name="options">Staging folder.</param>
public sealed class RestoreStep(IKubernetesClient client, ProtectionOptions protection, FailoverOptions options)
{
    /// <summary>The descriptor path of disk <paramref name="diskKey"/> in the recovery folder.</summary>
    /// <param name="target">The recovery target.</param>
    /// <param name="diskKey">The disk's key in the image.</param>
    /// <returns>The datastore path.</returns>
    public static DatastorePath DiskPath(RecoveryTarget target, string diskKey)
    {
        ArgumentNullException.ThrowIfNull(target);
        return new DatastorePath(target.Datastore, $"{target.Folder}/disk-{diskKey}.vmdk");
    }

    /// <summary>Reads the manifest of the image the failover restores.</summary>
    /// <param name="context">The failover (status.image set).</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    /// <returns>The manifest.</returns>
    /// <exception cref="InvalidOperationException">The image is not committed.</exception>
    public async Task<ImageManifest> ReadManifestAsync(FailoverContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        using var repository = await OpenRepositoryAsync(context, cancellationToken);
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
        using var repository = await OpenRepositoryAsync(context, cancellationToken);
        var manifest = repository.GetImage(manifestId);
        var staging = Path.Combine(options.StagingDirectory, context.Failover.Metadata.Uid ?? context.Failover.Metadata.Name);
        long uploaded = 0;
        try
        {
            foreach (var disk in manifest.Disks)
            {
                var local = Path.Combine(staging, $"disk-{disk.Key}.vmdk");
                var extent = await repository.MaterializeAsync(manifestId, disk.Key, local, cancellationToken);
                var descriptor = VmdkDescriptor.Parse(await File.ReadAllTextAsync(local, cancellationToken), local);
                descriptor = descriptor with
                {
                    CreateType = "vmfs",
                    Extents = [.. descriptor.Extents.Select(e => e with { Type = VmdkExtentType.Vmfs })],
                };
                var remote = DiskPath(target, disk.Key);
                await using (var data = File.OpenRead(extent))
                {
                    await context.Vim.Datastores.UploadAsync(
                        new DatastorePath(target.Datastore, $"{target.Folder}/{Path.GetFileName(extent)}"), data, cancellationToken);
                    uploaded += data.Length;
                }

                using var text = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(descriptor.ToText()));
                await context.Vim.Datastores.UploadAsync(remote, text, cancellationToken);
            }
        }
        finally
        {
            if (Directory.Exists(staging))
            {
                Directory.Delete(staging, recursive: true);
            }
        }

        return uploaded;
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

    private Task<ImageRepository> OpenRepositoryAsync(FailoverContext context, CancellationToken cancellationToken)
    {
        var volume = context.Pvm.Spec.Repository.Volume;
        return ImageRepository.OpenAsync(protection.ResolveRepository(volume.ClaimName, volume.SubPath), create: false, null, cancellationToken);
    }
}
