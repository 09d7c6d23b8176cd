using SnapshotHa.Api.Protection;
using SnapshotHa.Disks.Descriptors;
using SnapshotHa.Operator.Hosting;
using SnapshotHa.Repository;
using SnapshotHa.Vim;
using SnapshotHa.Vim.Datastores;

namespace SnapshotHa.Operator.Controllers.Failovers;

/// <summary>
/// Puts a committed image on a datastore: every disk is materialized as a flat disk in a local staging folder and
/// uploaded, extent and a <c>createType="vmfs"</c> descriptor (as ESXi keeps flat disks), into one folder. Uploads
/// overwrite, so repeating is harmless.
/// </summary>
/// <param name="protection">Where repositories are mounted.</param>
/// <param name="options">Staging folder.</param>
public sealed class ImageUploader(ProtectionOptions protection, FailoverOptions options)
{
    /// <summary>The descriptor path of disk <paramref name="diskKey"/> in <paramref name="folder"/>.</summary>
    /// <param name="datastore">The datastore name.</param>
    /// <param name="folder">The folder.</param>
    /// <param name="diskKey">The disk's key in the image.</param>
    /// <returns>The datastore path.</returns>
    public static DatastorePath DiskPath(string datastore, string folder, string diskKey) => new(datastore, $"{folder}/disk-{diskKey}.vmdk");

    /// <summary>Opens the ProtectedVM's repository.</summary>
    /// <param name="pvm">The ProtectedVM.</param>
    /// <param name="cancellationToken">Cancels the open.</param>
    /// <returns>The repository; dispose it.</returns>
    public Task<ImageRepository> OpenRepositoryAsync(ProtectedVM pvm, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pvm);
        var volume = pvm.Spec.Repository.Volume;
        return ImageRepository.OpenAsync(protection.ResolveRepository(volume.ClaimName, volume.SubPath), create: false, null, cancellationToken);
    }

    /// <summary>Materializes and uploads every disk of an image.</summary>
    /// <param name="vim">The session.</param>
    /// <param name="repository">The repository.</param>
    /// <param name="manifestId">The image.</param>
    /// <param name="datastore">The datastore name.</param>
    /// <param name="folder">The folder on the datastore.</param>
    /// <param name="cancellationToken">Cancels the transfer.</param>
    /// <returns>The extent bytes uploaded.</returns>
    public async Task<long> UploadAsync(
        IVimClient vim, ImageRepository repository, string manifestId, string datastore, string folder, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(vim);
        ArgumentNullException.ThrowIfNull(repository);
        var manifest = repository.GetImage(manifestId);
        var staging = Path.Combine(options.StagingDirectory, Guid.NewGuid().ToString("N"));
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
                await using (var data = File.OpenRead(extent))
                {
                    await vim.Datastores.UploadAsync(new DatastorePath(datastore, $"{folder}/{Path.GetFileName(extent)}"), data, cancellationToken);
                    uploaded += data.Length;
                }

                using var text = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(descriptor.ToText()));
                await vim.Datastores.UploadAsync(DiskPath(datastore, folder, disk.Key), text, cancellationToken);
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
}
