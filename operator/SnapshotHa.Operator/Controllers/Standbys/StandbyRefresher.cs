using System.Globalization;
using SnapshotHa.Api.Images;
using SnapshotHa.Api.Protection;
using SnapshotHa.Kube.Client;
using SnapshotHa.Operator.Controllers.Failovers;
using SnapshotHa.Operator.Controllers.Protection;
using SnapshotHa.Repository;
using SnapshotHa.Repository.Manifests;
using SnapshotHa.Vim;
using SnapshotHa.Vim.Datastores;
using SnapshotHa.Vim.VirtualMachines;

namespace SnapshotHa.Operator.Controllers.Standbys;

/// <summary>
/// Creates and refreshes one standby VM. Creation uploads the whole image and creates a powered-off VM without
/// network adapters (no network identity until activated). A refresh costs what changed: it takes a snapshot of the
/// standby (a new, empty vmfsSparse delta on top of its disk), uploads the chunks that differ between the standby's
/// image and the new one as that delta's COWD extent (<see cref="CowdDeltaWriter"/>), and removes the snapshot, so
/// that ESXi consolidates the delta into the standby's disk. A refresh interrupted before the removal is undone
/// (revert to the snapshot, which discards the uploaded delta, then remove it) and repeated.
/// </summary>
/// <param name="client">Reads RecoveryImages.</param>
/// <param name="uploader">Uploads whole images.</param>
/// <param name="options">Staging folder.</param>
public sealed class StandbyRefresher(IKubernetesClient client, ImageUploader uploader, FailoverOptions options)
{
    /// <summary>Creates the standby VM with the image's disks on <paramref name="host"/>.</summary>
    /// <param name="vim">The session.</param>
    /// <param name="pvm">The ProtectedVM.</param>
    /// <param name="name">The standby VM name.</param>
    /// <param name="host">The host.</param>
    /// <param name="datastore">The datastore.</param>
    /// <param name="image">The image.</param>
    /// <param name="generation">How many failovers moved the VM so far (names the folder).</param>
    /// <param name="cancellationToken">Cancels the calls.</param>
    /// <returns>The standby VM.</returns>
    public async Task<ManagedObjectReference> CreateAsync(
        IVimClient vim, ProtectedVM pvm, string name, ManagedObjectReference host, string datastore, RecoveryImage image, int generation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(vim);
        ArgumentNullException.ThrowIfNull(pvm);
        ArgumentNullException.ThrowIfNull(image);
        var folder = StandbyNames.Folder(name, generation);
        var vmx = new DatastorePath(datastore, $"{folder}/{name}.vmx");
        var existing = (await vim.VirtualMachines.ListVmxPathsAsync(cancellationToken)).FirstOrDefault(v => v.VmxPath == vmx.ToString()).Vm;
        if (existing is not null)
        {
            return existing;
        }

        using var repository = await uploader.OpenRepositoryAsync(pvm, cancellationToken);
        var manifestId = image.Status?.ManifestId ?? throw new InvalidOperationException($"RecoveryImage {image.Metadata.Name} has no manifest");
        await uploader.UploadAsync(vim, repository, manifestId, datastore, folder, cancellationToken);
        var manifest = repository.GetImage(manifestId);
        var saved = pvm.Status?.SavedConfiguration ?? new SavedVmConfiguration();
        var spec = new VirtualMachineCreateSpec(
            name,
            vmx,
            saved.NumCpus,
            saved.MemoryMB,
            saved.GuestId,
            [.. manifest.Disks.Select(d => new NewVirtualDisk(
                int.TryParse(d.Key, NumberStyles.Integer, CultureInfo.InvariantCulture, out var key) ? key : 0,
                ImageUploader.DiskPath(datastore, folder, d.Key),
                d.Capacity))],
            [],
            new Dictionary<string, string> { [FailoverNames.CreatedByKey] = $"standby of {EntityKey.For(pvm)}" });
        var placement = await vim.VirtualMachines.GetPlacementAsync(host, cancellationToken);
        return await vim.VirtualMachines.CreateAsync(placement, spec, null, cancellationToken);
    }

    /// <summary>Brings a standby from image <paramref name="from"/> to image <paramref name="to"/>.</summary>
    /// <param name="vim">The session.</param>
    /// <param name="pvm">The ProtectedVM.</param>
    /// <param name="standby">The standby VM.</param>
    /// <param name="from">The sequence the standby holds.</param>
    /// <param name="to">The newer image.</param>
    /// <param name="cancellationToken">Cancels the calls.</param>
    /// <returns>The bytes uploaded (the delta extents).</returns>
    /// <exception cref="InvalidOperationException">The older image is gone (pruned): the standby must be created again.</exception>
    public async Task<long> RefreshAsync(
        IVimClient vim, ProtectedVM pvm, ManagedObjectReference standby, long from, RecoveryImage to, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(vim);
        ArgumentNullException.ThrowIfNull(pvm);
        ArgumentNullException.ThrowIfNull(to);
        await UndoInterruptedAsync(vim, standby, cancellationToken);
        var old = await client.GetAsync<RecoveryImage>(RecoveryImageNames.For(pvm, from), pvm.Metadata.NamespaceProperty, cancellationToken);
        if (old?.Status?.ManifestId is not { } oldId || to.Status?.ManifestId is not { } newId)
        {
            throw new InvalidOperationException($"Image #{from} of the standby or its successor {to.Metadata.Name} has no manifest");
        }

        using var repository = await uploader.OpenRepositoryAsync(pvm, cancellationToken);
        var before = repository.GetImage(oldId);
        var after = repository.GetImage(newId);
        var snapshot = await vim.Snapshots.CreateAsync(standby, StandbyNames.RefreshSnapshot, $"delta from image #{from} to #{to.Spec.Sequence}", false, false, null, cancellationToken);
        var facts = await vim.VirtualMachines.GetFactsAsync(standby, cancellationToken);
        long uploaded = 0;
        foreach (var disk in after.Disks)
        {
            uploaded += await UploadDeltaAsync(vim, repository, before, after, disk, facts, cancellationToken);
        }

        await vim.Snapshots.RemoveAsync(snapshot, removeChildren: false, consolidate: true, null, cancellationToken);
        return uploaded;
    }

    private static async Task UndoInterruptedAsync(IVimClient vim, ManagedObjectReference standby, CancellationToken cancellationToken)
    {
        var tree = await vim.Snapshots.GetTreeAsync(standby, cancellationToken);
        foreach (var leftover in tree.All.Where(s => s.Name == StandbyNames.RefreshSnapshot).Reverse().ToList())
        {
            await vim.Snapshots.RevertAsync(leftover.Snapshot, null, true, null, cancellationToken);
            await vim.Snapshots.RemoveAsync(leftover.Snapshot, removeChildren: false, consolidate: true, null, cancellationToken);
        }
    }

    private async Task<long> UploadDeltaAsync(
        IVimClient vim, ImageRepository repository, ImageManifest before, ImageManifest after, DiskImage disk, VirtualMachineFacts facts, CancellationToken cancellationToken)
    {
        var key = int.Parse(disk.Key, NumberStyles.Integer, CultureInfo.InvariantCulture);
        var target = facts.Disks.FirstOrDefault(d => d.Key == key)?.Chain.Top.Extent
            ?? throw new InvalidOperationException($"Standby {facts.Name} has no delta extent for disk {disk.Key}");
        var changed = CowdDeltaWriter.ChangedChunks(repository.Objects, before, after, disk.Key)
            ?? throw new InvalidOperationException($"Images {before.Id} and {after.Id} cannot be compared for disk {disk.Key}");
        Directory.CreateDirectory(options.StagingDirectory);
        var local = Path.Combine(options.StagingDirectory, $"{Guid.NewGuid():N}-delta.vmdk");
        try
        {
            await using (var file = new FileStream(local, FileMode.Create, FileAccess.Write))
            {
                await CowdDeltaWriter.WriteAsync(repository.Objects, after, disk, changed, file, cancellationToken);
            }

            await using var data = File.OpenRead(local);
            await vim.Datastores.UploadAsync(target, data, cancellationToken);
            return data.Length;
        }
        finally
        {
            File.Delete(local);
        }
    }
}
