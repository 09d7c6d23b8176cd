using SnapshotHa.Kube.Entities.Attributes;

namespace SnapshotHa.Api.Images;

/// <summary>Where and when the image was copied to the policy's secondary repository.</summary>
[Description("Where and when the image was copied to the policy's secondary repository (spec.secondaryRepository of its SnapshotPolicy).")]
public sealed record ReplicationStatus
{
    /// <summary>The secondary repository.</summary>
    [Length(MaxLength = 2048)]
    [Description("The secondary repository: the directory as the operator mounts it, or s3://bucket/prefix.")]
    public string? Target { get; set; }

    /// <summary>When the last sync finished.</summary>
    [Description("When the image and every object it needs were last confirmed present in the secondary repository.")]
    public DateTime? SyncedTime { get; set; }

    /// <summary>Objects copied by the last sync.</summary>
    [RangeMinimum(0)]
    [Description("Objects (chunks, index pages, the manifest) the last sync copied; 0 when all were there already.")]
    public long? ObjectsCopied { get; set; }

    /// <summary>Bytes copied by the last sync.</summary>
    [RangeMinimum(0)]
    [Description("Bytes the last sync copied.")]
    public long? BytesCopied { get; set; }
}
