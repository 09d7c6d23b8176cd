using System.Globalization;
using k8s.Models;
using Microsoft.Extensions.Logging;
using SnapshotHa.Api.Common;
using SnapshotHa.Api.Images;
using SnapshotHa.Api.Protection;
using SnapshotHa.Kube.Client;
using SnapshotHa.Kube.Entities;
using SnapshotHa.Kube.Status;
using SnapshotHa.Operator.Merging;
using SnapshotHa.Operator.Telemetry;
using SnapshotHa.Vim.Snapshots;
using SnapshotHa.Vim.VirtualMachines;

namespace SnapshotHa.Operator.Controllers.Protection;

/// <summary>
/// Cycle step 2: creates this cycle's RecoveryImage (deterministic name, owned by the ProtectedVM), ships the layer
/// frozen by this cycle's snapshot and merges it into the previous committed image, then marks the image Committed.
/// An image already Committed (the operator stopped after the merge) is taken as is. When the snapshot is gone
/// before the commit, <see cref="SnapshotLostException"/> tells the controller to restart the cycle.
/// </summary>
/// <param name="client">Reads and creates images.</param>
/// <param name="statusWriter">Writes image status.</param>
/// <param name="executor">Runs the merge.</param>
/// <param name="timeProvider">Clock.</param>
/// <param name="metrics">Records ship and merge.</param>
/// <param name="tracing">Records the ship and merge spans.</param>
/// <param name="logger">Logs commits.</param>
public sealed class ShipAndMergeStep(
    IKubernetesClient client,
    EntityStatusWriter statusWriter,
    IMergeExecutor executor,
    TimeProvider timeProvider,
    ProtectionMetrics metrics,
    ProtectionTracing tracing,
    ILogger<ShipAndMergeStep> logger)
{
    /// <summary>Runs the step; returns the committed image, or null while an external merge still runs.</summary>
    /// <param name="context">The resolved ProtectedVM.</param>
    /// <param name="cycle">The cycle in progress.</param>
    /// <param name="snapshot">This cycle's snapshot.</param>
    /// <param name="cancellationToken">Cancels the step.</param>
    /// <returns>The committed image, or null when not finished.</returns>
    public async Task<RecoveryImage?> RunAsync(
        ProtectionContext context, CycleProgress cycle, SnapshotRecord snapshot, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(cycle);
        ArgumentNullException.ThrowIfNull(snapshot);
        var pvm = context.Pvm;
        var ns = pvm.Metadata.NamespaceProperty;
        var parent = pvm.Status?.LatestCommittedImage is { } latest
            ? await client.GetAsync<RecoveryImage>(latest.Name, ns, cancellationToken)
            : null;
        var name = cycle.ImageName ?? throw new InvalidOperationException("The cycle has no image name.");
        var existing = await client.GetAsync<RecoveryImage>(name, ns, cancellationToken);
        if (existing?.Status?.Phase == RecoveryImagePhase.Committed)
        {
            return existing;
        }

        var tree = await context.Client.Snapshots.GetTreeAsync(context.Facts.Vm, cancellationToken);
        var ours = OurSnapshots.In(tree, pvm);
        var current = ours.FirstOrDefault(s => s.Name == snapshot.Name)
            ?? throw new SnapshotLostException(snapshot.Name ?? name, context.Facts.Name);
        var image = await EnsureImageAsync(context, cycle, existing, snapshot, parent, cancellationToken);
        var previous = parent?.Spec.SourceSnapshot.Name is { } previousName ? ours.FirstOrDefault(s => s.Name == previousName) : null;
        var layers = await SelectLayersAsync(context, current, previous, parent is null, cancellationToken);

        image = await statusWriter.UpdateStatusAsync(image, i =>
        {
            i.Status.Phase = RecoveryImagePhase.Merging;
            i.Status.ObservedGeneration = i.Metadata.Generation;
        }, cancellationToken);
        var work = new MergeWork(
            image,
            context.Client,
            context.RepositoryPath,
            pvm.Spec.Repository.Compression == ChunkCompression.None ? 0 : 1,
            context.Series,
            parent?.Status?.ManifestId,
            new DateTimeOffset(DateTime.SpecifyKind(image.Spec.PointInTime, DateTimeKind.Utc)),
            layers)
        {
            Merge = context.Policy.Spec.Merge,
            EndpointName = pvm.Spec.EndpointRef.Name,
            RepositoryVolume = pvm.Spec.Repository.Volume,
        };
        var outcome = await executor.RunAsync(work, cancellationToken);
        if (outcome is null)
        {
            return null;
        }

        image = await statusWriter.UpdateStatusAsync(image, i =>
        {
            var status = i.Status;
            status.Phase = RecoveryImagePhase.Committed;
            status.ManifestId = outcome.ManifestId;
            status.LogicalBytes = outcome.LogicalBytes;
            status.DeltaBytes = outcome.DeltaBytes;
            status.NewChunkBytes = outcome.NewChunkBytes;
            status.ShipSeconds = Math.Round(outcome.ShipSeconds, 3);
            status.MergeSeconds = Math.Round(outcome.MergeSeconds, 3);
            status.CommittedTime = timeProvider.GetUtcNow().UtcDateTime;
            status.JobName = outcome.JobName;
            status.Set(
                RecoveryImageConditions.Committed,
                true,
                RecoveryImageConditions.ReasonManifestWritten,
                $"Manifest {outcome.ManifestId} written",
                i.Metadata.Generation,
                timeProvider);
        }, cancellationToken);
        await executor.CommittedAsync(work, cancellationToken);
        Log.ImageCommitted(logger, ns, pvm.Metadata.Name, image.Metadata.Name, outcome.DeltaBytes, Math.Round(outcome.ShipSeconds + outcome.MergeSeconds, 3));
        metrics.ImageCommitted(pvm, outcome);
        tracing.ShippedAndMerged(outcome);
        return image;
    }

    private static async Task<IReadOnlyList<LayerSource>> SelectLayersAsync(
        ProtectionContext context, SnapshotTree current, SnapshotTree? previous, bool seed, CancellationToken cancellationToken)
    {
        var frozen = await context.Client.Snapshots.GetFrozenDisksAsync(current.Snapshot, cancellationToken);
        var before = previous is null || seed
            ? []
            : await context.Client.Snapshots.GetFrozenDisksAsync(previous.Snapshot, cancellationToken);
        return [.. frozen.Select(disk => Select(disk, before.FirstOrDefault(d => d.Key == disk.Key)))];
    }

    private static LayerSource Select(VirtualDiskInfo disk, VirtualDiskInfo? before)
    {
        var key = disk.Key.ToString(CultureInfo.InvariantCulture);
        var layers = disk.Chain.Layers;

        // Only the one layer written since the previous snapshot when that snapshot's frozen layer lies directly
        // below; otherwise (seed, a user snapshot in between, unknown boundary) the whole chain: slower, equally exact.
        var single = before is not null && layers.Count >= 2 && layers[^2].Descriptor == before.Chain.Top.Descriptor;
        return new LayerSource(key, disk.Chain.Top.Descriptor, WholeChain: !single);
    }

    private async Task<RecoveryImage> EnsureImageAsync(
        ProtectionContext context,
        CycleProgress cycle,
        RecoveryImage? existing,
        SnapshotRecord snapshot,
        RecoveryImage? parent,
        CancellationToken cancellationToken)
    {
        var pvm = context.Pvm;
        var name = cycle.ImageName!;
        if (existing is not null && (existing.Spec.SourceSnapshot.Moref == snapshot.Moref || snapshot.Moref is null))
        {
            return existing;
        }

        if (existing is not null)
        {
            // Left from an attempt on a snapshot that was deleted and taken again: its point in time is wrong.
            await client.DeleteAsync(existing, cancellationToken);
        }

        var image = new RecoveryImage
        {
            Metadata = new V1ObjectMeta
            {
                Name = name,
                NamespaceProperty = pvm.Metadata.NamespaceProperty,
                Labels = new Dictionary<string, string> { [RecoveryImageNames.ProtectedVmLabel] = pvm.Metadata.Name },
                OwnerReferences = [OwnerReferences.ControllerOf(pvm)],
            },
            Spec = new RecoveryImageSpec
            {
                ProtectedVMRef = new LocalObjectReference { Name = pvm.Metadata.Name },
                Sequence = cycle.Sequence ?? 0,
                ParentImage = parent?.Metadata.Name,
                PointInTime = snapshot.CreatedTime ?? timeProvider.GetUtcNow().UtcDateTime,
                SourceSnapshot = new SourceSnapshot { Name = snapshot.Name ?? "", Moref = snapshot.Moref },
            },
        };
        var created = await client.CreateAsync(image, cancellationToken);
        return await statusWriter.UpdateStatusAsync(created, i => i.Status.Phase = RecoveryImagePhase.Shipping, cancellationToken);
    }
}
