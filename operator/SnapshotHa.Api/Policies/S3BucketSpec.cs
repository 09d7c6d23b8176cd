using SnapshotHa.Api.Common;
using SnapshotHa.Kube.Entities.Attributes;

namespace SnapshotHa.Api.Policies;

/// <summary>An S3-compatible bucket.</summary>
[Description("An S3-compatible bucket.")]
public sealed record S3BucketSpec
{
    /// <summary>The service URL.</summary>
    [Required]
    [Length(MaxLength = 2048)]
    [Pattern(@"^https?://[^/\s]+(/[^\s]*)?$")]
    [Description("URL of the S3 service, for example https://s3.eu-central-1.amazonaws.com or http://minio.storage.svc:9000.")]
    public string Endpoint { get; set; } = "";

    /// <summary>The bucket name.</summary>
    [Required]
    [Pattern(Patterns.BucketName)]
    [Description("Bucket name; the bucket must exist.")]
    public string Bucket { get; set; } = "";

    /// <summary>The region.</summary>
    [Length(MaxLength = 64)]
    [Description("Region of the bucket; default us-east-1.")]
    public string? Region { get; set; }

    /// <summary>The key prefix.</summary>
    [Length(MaxLength = 512)]
    [Pattern(Patterns.RelativePath)]
    [Description("Key prefix under which the repository is stored, so that several repositories share a bucket.")]
    public string? Prefix { get; set; }

    /// <summary>Path-style addressing.</summary>
    [DefaultValue(false)]
    [Description("Address the bucket as endpoint/bucket instead of bucket.endpoint (needed by most MinIO and Ceph setups). Default false.")]
    public bool ForcePathStyle { get; set; }

    /// <summary>The Secret holding the keys.</summary>
    [Required]
    [Description("Secret in the same namespace holding the keys 'accessKeyId' and 'secretAccessKey'.")]
    public LocalObjectReference CredentialsSecretRef { get; set; } = new();
}
