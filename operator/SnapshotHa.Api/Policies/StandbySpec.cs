using SnapshotHa.Kube.Entities.Attributes;

namespace SnapshotHa.Api.Policies;

/// <summary>Standby VMs.</summary>
[Description("Powered-off standby VMs: registered on hosts other than the source, without network identity until activated, refreshed from the latest committed image.")]
public sealed record StandbySpec
{
    /// <summary>The number of standbys.</summary>
    [DefaultValue(0)]
    [RangeMinimum(0)]
    [RangeMaximum(3)]
    [Description("Number of standby VMs per protected VM, 0 to 3. Each costs a full copy of the disks on its datastore. Default 0.")]
    public int Count { get; set; }

    /// <summary>How often standbys are refreshed.</summary>
    [Length(MaxLength = 32)]
    [Pattern(Common.Patterns.Duration)]
    [Description("Least time between two refreshes of a standby from newer committed images; default every commit.")]
    public string? RefreshInterval { get; set; }
}
