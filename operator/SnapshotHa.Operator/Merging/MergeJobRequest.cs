using SnapshotHa.Api.Common;
using SnapshotHa.Api.Endpoints;
using SnapshotHa.Api.Images;
using SnapshotHa.Api.Policies;

namespace SnapshotHa.Operator.Merging;

/// <summary>Everything a merge Job's manifest is built from.</summary>
/// <param name="Image">The RecoveryImage (name, namespace, uid, protected VM); it owns the Job.</param>
/// <param name="Repository">The repository volume claim and sub-path.</param>
/// <param name="Series">The repository series.</param>
/// <param name="ParentManifestId">The parent manifest; null for a seed.</param>
/// <param name="PointInTime">The time the image restores to.</param>
/// <param name="CompressionLevel">zstd level of new chunks.</param>
/// <param name="Layers">The layers, one per disk.</param>
/// <param name="Endpoint">The VSphereEndpoint: its credentials Secret and TLS settings.</param>
/// <param name="Merge">The policy's merge settings (resources, timeout, retries).</param>
public sealed record MergeJobRequest(
    RecoveryImage Image,
    VolumeLocation Repository,
    string Series,
    string? ParentManifestId,
    DateTimeOffset PointInTime,
    int CompressionLevel,
    IReadOnlyList<MergeJobLayer> Layers,
    VSphereEndpoint Endpoint,
    MergeSpec? Merge);
