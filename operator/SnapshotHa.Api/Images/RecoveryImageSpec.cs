using SnapshotHa.Api.Common;
using SnapshotHa.Kube.Entities;
using SnapshotHa.Kube.Entities.Attributes;

namespace SnapshotHa.Api.Images;

/// <summary>What an image restores; immutable.</summary>
[Description("What the image restores. Immutable: a new point in time is a new RecoveryImage.")]
[ValidationRule("self == oldSelf", Message = "spec is immutable")]
[ValidationRule("self.sequence == 0 ? !has(self.parentImage) : has(self.parentImage)", Message = "parentImage is required for sequence > 0 and forbidden for the seed image (sequence 0)", FieldPath = ".parentImage")]
public sealed record RecoveryImageSpec
{
    /// <summary>The protected VM.</summary>
    [Required]
    [Description("The ProtectedVM, in the same namespace, this image belongs to.")]
    public LocalObjectReference ProtectedVMRef { get; set; } = new();

    /// <summary>The sequence number.</summary>
    [Required]
    [RangeMinimum(0)]
    [AdditionalPrinterColumn(Name = "Seq", Order = 2)]
    [Description("Sequence number of the image within its VM: 0 is the seed (full copy of the base disks), n merges snapshot n's delta into image n-1.")]
    public long Sequence { get; set; }

    /// <summary>The parent image.</summary>
    [Length(MaxLength = 253)]
    [Pattern(Patterns.ObjectName)]
    [Description("Name of the image this one was merged from (sequence - 1); absent for the seed image.")]
    public string? ParentImage { get; set; }

    /// <summary>The point in time.</summary>
    [Required]
    [AdditionalPrinterColumn(Name = "Point In Time", Order = 3, Type = "string")]
    [Description("The moment the image restores: the creation time of the snapshot that froze its last delta (RFC 3339).")]
    public DateTime PointInTime { get; set; }

    /// <summary>The source snapshot.</summary>
    [Required]
    [Description("The snapshot whose frozen layer this image contains.")]
    public SourceSnapshot SourceSnapshot { get; set; } = new();
}
