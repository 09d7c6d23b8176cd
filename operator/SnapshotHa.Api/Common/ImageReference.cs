using SnapshotHa.Kube.Entities.Attributes;

namespace SnapshotHa.Api.Common;

/// <summary>Identifies a committed RecoveryImage and the moment it restores.</summary>
[Description("Identifies a committed RecoveryImage and the moment in time it restores.")]
public sealed record ImageReference
{
    /// <summary>The RecoveryImage name.</summary>
    [Required]
    [Length(MaxLength = 253)]
    [Description("Name of the RecoveryImage, in the same namespace.")]
    public string Name { get; set; } = "";

    /// <summary>The image sequence number.</summary>
    [RangeMinimum(0)]
    [Description("Sequence number of the image: 0 is the seed (full copy), each later image adds one snapshot's delta.")]
    public long Sequence { get; set; }

    /// <summary>The moment the image restores.</summary>
    [Description("The moment the image restores: the creation time of the snapshot that froze its last delta.")]
    public DateTime? PointInTime { get; set; }
}
