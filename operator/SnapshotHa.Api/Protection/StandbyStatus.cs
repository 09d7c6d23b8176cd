using SnapshotHa.Kube.Entities.Attributes;

namespace SnapshotHa.Api.Protection;

/// <summary>One standby VM.</summary>
[Description("One standby VM.")]
public sealed record StandbyStatus
{
    /// <summary>The standby's name.</summary>
    [Required]
    [Length(MaxLength = 80)]
    [Description("Inventory name of the standby VM.")]
    public string Name { get; set; } = "";

    /// <summary>The standby's managed object id.</summary>
    [Length(MaxLength = 64)]
    [Description("Managed object id of the standby VM.")]
    public string? Moref { get; set; }

    /// <summary>The host.</summary>
    [Length(MaxLength = 253)]
    [Description("ESXi host the standby is registered on.")]
    public string? Host { get; set; }

    /// <summary>The image sequence.</summary>
    [RangeMinimum(0)]
    [Description("Sequence of the committed image the standby's disks hold.")]
    public long? ImageSequence { get; set; }

    /// <summary>The refresh time.</summary>
    [Description("When the standby was last refreshed.")]
    public DateTime? RefreshedTime { get; set; }
}
