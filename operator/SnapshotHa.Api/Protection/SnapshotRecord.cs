using SnapshotHa.Kube.Entities.Attributes;

namespace SnapshotHa.Api.Protection;

/// <summary>A snapshot the operator took.</summary>
[Description("A snapshot the operator took.")]
public sealed record SnapshotRecord
{
    /// <summary>The snapshot name.</summary>
    [Length(MaxLength = 80)]
    [Description("Snapshot name on the VM (SnapshotHA's snapshots start with 'snapshotha-').")]
    public string? Name { get; set; }

    /// <summary>The snapshot's managed object id.</summary>
    [Length(MaxLength = 64)]
    [Description("Managed object id of the snapshot.")]
    public string? Moref { get; set; }

    /// <summary>The creation time.</summary>
    [Description("When vSphere created the snapshot: the point in time of the image it leads to.")]
    public DateTime? CreatedTime { get; set; }

    /// <summary>The creation duration.</summary>
    [RangeMinimum(0)]
    [Description("How long the CreateSnapshot task took, in seconds (the VM is briefly stunned during it).")]
    public double? DurationSeconds { get; set; }

    /// <summary>The delta size.</summary>
    [RangeMinimum(0)]
    [Description("Size in bytes of the delta layer this snapshot froze.")]
    public long? DeltaBytes { get; set; }
}
