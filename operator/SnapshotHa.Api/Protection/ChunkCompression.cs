using System.Text.Json.Serialization;
using SnapshotHa.Kube.Entities.Attributes;

namespace SnapshotHa.Api.Protection;

/// <summary>Compression of repository chunks.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ChunkCompression>))]
[Description("Compression of repository chunks.")]
public enum ChunkCompression
{
    /// <summary>Stored as is.</summary>
    None,

    /// <summary>Zstandard-compressed.</summary>
    Zstd,
}
