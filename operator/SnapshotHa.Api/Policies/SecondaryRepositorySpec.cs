using SnapshotHa.Kube.Entities.Attributes;

namespace SnapshotHa.Api.Policies;

/// <summary>A second repository committed images are replicated to.</summary>
[Description("A second repository committed images are replicated to: set exactly one of volume or s3.")]
[ValidationRule("has(self.volume) != has(self.s3)", Message = "exactly one of volume or s3 must be set")]
public sealed record SecondaryRepositorySpec
{
    /// <summary>A directory on a persistent volume.</summary>
    [Description("A directory on a PersistentVolumeClaim, for example on a different storage system than the primary repository.")]
    public Common.VolumeLocation? Volume { get; set; }

    /// <summary>An S3-compatible bucket.</summary>
    [Description("An S3-compatible bucket (AWS S3, MinIO, Ceph RGW...).")]
    public S3BucketSpec? S3 { get; set; }
}
