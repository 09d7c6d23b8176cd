using SnapshotHa.Repository.Manifests;

namespace SnapshotHa.Repository.Merging;

/// <summary>The committed image and what each disk's merge did.</summary>
/// <param name="Image">The new image's manifest (already durable).</param>
/// <param name="Disks">Per merged disk statistics.</param>
public sealed record MergeResult(ImageManifest Image, IReadOnlyList<DiskMergeResult> Disks);
