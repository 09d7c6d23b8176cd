using SnapshotHa.Api.Common;
using SnapshotHa.Kube.Entities.Attributes;

namespace SnapshotHa.Api.Protection;

/// <summary>The chunk repository of a protected VM.</summary>
[Description("The content-addressed chunk repository the committed images are stored in.")]
public sealed record RepositorySpec
{
    /// <summary>The volume and directory.</summary>
    [Required]
    [Description("The PersistentVolumeClaim and directory holding the repository; merge Jobs mount it.")]
    public VolumeLocation Volume { get; set; } = new();

    /// <summary>Chunk compression.</summary>
    [DefaultValue(ChunkCompression.Zstd)]
    [Description("Compression of newly written chunks: Zstd or None. Default Zstd.")]
    public ChunkCompression Compression { get; set; } = ChunkCompression.Zstd;
}
