using SnapshotHa.Api.Common;
using SnapshotHa.Kube.Entities;
using SnapshotHa.Kube.Entities.Attributes;

namespace SnapshotHa.Api.Images;

/// <summary>The observed state of a recovery image.</summary>
[Description("Observed state of the image. Conditions: Committed, Verified, Replicated.")]
public sealed record RecoveryImageStatus : ObservedStatus
{
    /// <summary>The phase.</summary>
    [AdditionalPrinterColumn(Name = "Phase", Order = 4)]
    [Description("Lifecycle phase: Pending, Shipping, Merging, Committed, Failed, Superseded or Pruned.")]
    public RecoveryImagePhase? Phase { get; set; }

    /// <summary>The manifest id.</summary>
    [Pattern(Patterns.ManifestId)]
    [Description("Id of the image's manifest in the repository (32 lowercase hex digits).")]
    public string? ManifestId { get; set; }

    /// <summary>The logical size.</summary>
    [RangeMinimum(0)]
    [Description("Logical size in bytes of all disks of the image.")]
    public long? LogicalBytes { get; set; }

    /// <summary>The delta size.</summary>
    [RangeMinimum(0)]
    [AdditionalPrinterColumn(Name = "Delta", Order = 5, Description = "Bytes of the merged delta.")]
    [Description("Size in bytes of the delta layer merged into this image (allocated grains).")]
    public long? DeltaBytes { get; set; }

    /// <summary>The new chunk bytes.</summary>
    [RangeMinimum(0)]
    [Description("Bytes of chunks this image added to the repository (after deduplication and compression).")]
    public long? NewChunkBytes { get; set; }

    /// <summary>The ship time.</summary>
    [RangeMinimum(0)]
    [Description("Seconds spent reading the delta from the datastore.")]
    public double? ShipSeconds { get; set; }

    /// <summary>The merge time.</summary>
    [RangeMinimum(0)]
    [Description("Seconds spent merging the delta into the parent image.")]
    public double? MergeSeconds { get; set; }

    /// <summary>The commit time.</summary>
    [Description("When the manifest was committed.")]
    public DateTime? CommittedTime { get; set; }

    /// <summary>The last verification.</summary>
    [Description("The result of the last verification (re-hash of every referenced chunk).")]
    public VerificationRecord? LastVerification { get; set; }

    /// <summary>The copy in the secondary repository.</summary>
    [Description("The copy in the policy's secondary repository, once synced after the commit.")]
    public ReplicationStatus? SecondaryRepository { get; set; }

    /// <summary>The Job name.</summary>
    [Length(MaxLength = 63)]
    [Description("Name of the Job that shipped and merged the image, in the same namespace.")]
    public string? JobName { get; set; }
}
