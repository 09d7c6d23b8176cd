using SnapshotHa.Kube.Entities.Attributes;

namespace SnapshotHa.Api.Protection;

/// <summary>Facts about a protected VM.</summary>
[Description("Facts about the VM as vSphere last reported them.")]
public sealed record VmFacts
{
    /// <summary>The inventory name.</summary>
    [Length(MaxLength = 80)]
    [Description("Inventory name.")]
    public string? Name { get; set; }

    /// <summary>The managed object id.</summary>
    [Length(MaxLength = 64)]
    [Description("Managed object id.")]
    public string? Moref { get; set; }

    /// <summary>The instance UUID.</summary>
    [Length(MaxLength = 64)]
    [Description("vCenter instance UUID.")]
    public string? InstanceUuid { get; set; }

    /// <summary>The running host.</summary>
    [Length(MaxLength = 253)]
    [Description("ESXi host the VM runs on.")]
    public string? Host { get; set; }

    /// <summary>The power state.</summary>
    [Description("Power state: PoweredOn, PoweredOff or Suspended.")]
    public VmPowerState? PowerState { get; set; }

    /// <summary>The virtual disks.</summary>
    [ListMapKeys("key")]
    [Items(MaxItems = 64)]
    [Description("The VM's virtual disks.")]
    public IList<DiskFacts>? Disks { get; set; }
}
