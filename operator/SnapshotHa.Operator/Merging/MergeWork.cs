using SnapshotHa.Api.Common;
using SnapshotHa.Api.Images;
using SnapshotHa.Api.Policies;
using SnapshotHa.Vim;

namespace SnapshotHa.Operator.Merging;

/// <summary>Everything a merge executor needs to produce one RecoveryImage.</summary>
/// <param name="Image">The image resource being produced.</param>
/// <param name="Client">The vim25 session whose datastore holds the layers.</param>
/// <param name="RepositoryPath">The repository directory.</param>
/// <param name="CompressionLevel">zstd level of new chunks (0 = none).</param>
/// <param name="Series">The repository series (one per protected VM).</param>
/// <param name="ParentManifestId">The manifest the layers are merged into; null for the seed image.</param>
/// <param name="PointInTime">The time the image restores to.</param>
/// <param name="Layers">The frozen layers, one per disk.</param>
public sealed record MergeWork(
    RecoveryImage Image,
    VimClient Client,
    string RepositoryPath,
    int CompressionLevel,
    string Series,
    string? ParentManifestId,
    DateTimeOffset PointInTime,
    IReadOnlyList<LayerSource> Layers)
{
    /// <summary>Gets the policy's merge settings: the executor, and for executor Job resources, timeout and retries.</summary>
    public MergeSpec? Merge { get; init; }

    /// <summary>Gets the name of the VSphereEndpoint (same namespace) whose Secret and TLS settings a merge Job uses.</summary>
    public string? EndpointName { get; init; }

    /// <summary>Gets the repository volume claim and sub-path a merge Job mounts.</summary>
    public VolumeLocation? RepositoryVolume { get; init; }
}
