using SnapshotHa.Kube.Entities.Attributes;

namespace SnapshotHa.Api.Protection;

/// <summary>Where a failover brings the VM back.</summary>
[Description("Where a failover brings the VM back.")]
public sealed record RecoverySpec
{
    /// <summary>The target host.</summary>
    [Length(MaxLength = 253)]
    [Description("ESXi host the VM is recovered on; default any healthy host other than the failed one.")]
    public string? TargetHost { get; set; }

    /// <summary>The target datastore.</summary>
    [Length(MaxLength = 253)]
    [Description("Datastore the recovered disks are written to; default the source VM's datastore.")]
    public string? Datastore { get; set; }

    /// <summary>The resource pool.</summary>
    [Length(MaxLength = 1024)]
    [Description("Resource pool of the recovered VM as an inventory path, for example DC0/host/cluster/Resources/pool; default the target host's root pool.")]
    public string? ResourcePool { get; set; }

    /// <summary>The VM folder.</summary>
    [Length(MaxLength = 1024)]
    [Description("VM folder of the recovered VM as an inventory path, for example DC0/vm/recovered; default the datacenter's VM folder.")]
    public string? Folder { get; set; }

    /// <summary>Network mapping.</summary>
    [ListMapKeys("source")]
    [Items(MaxItems = 10)]
    [Description("Maps the source VM's networks (port groups) to networks at the recovery site; unmapped networks are kept.")]
    public IList<NetworkMapping>? NetworkMappings { get; set; }

    /// <summary>Whether the MAC addresses are kept.</summary>
    [DefaultValue(true)]
    [Description("Keep the source VM's MAC addresses so that the guest keeps its IP addresses (DHCP reservations, ARP). Default true.")]
    public bool KeepMacAddresses { get; set; } = true;
}
