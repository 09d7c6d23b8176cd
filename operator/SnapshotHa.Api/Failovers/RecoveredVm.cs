using SnapshotHa.Kube.Entities.Attributes;

namespace SnapshotHa.Api.Failovers;

/// <summary>A VM a failover brought up or left.</summary>
[Description("A VM a failover brought up or left.")]
public sealed record RecoveredVm
{
    /// <summary>The inventory name.</summary>
    [Length(MaxLength = 80)]
    [Description("Inventory name of the recovered VM.")]
    public string? Name { get; set; }

    /// <summary>The managed object id.</summary>
    [Length(MaxLength = 64)]
    [Description("Managed object id of the recovered VM.")]
    public string? Moref { get; set; }

    /// <summary>The host.</summary>
    [Length(MaxLength = 253)]
    [Description("ESXi host the recovered VM runs on.")]
    public string? Host { get; set; }

    /// <summary>Whether a standby was activated.</summary>
    [Description("True when a standby VM was activated instead of restoring the image.")]
    public bool? FromStandby { get; set; }
}
