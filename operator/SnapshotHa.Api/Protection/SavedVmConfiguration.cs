using SnapshotHa.Kube.Entities.Attributes;

namespace SnapshotHa.Api.Protection;

/// <summary>What a failover needs of the VM's configuration besides its disks.</summary>
[Description("What a failover needs of the VM's configuration besides its disks.")]
public sealed record SavedVmConfiguration
{
    /// <summary>Virtual CPUs.</summary>
    [RangeMinimum(1)]
    [Description("Virtual CPUs.")]
    public int NumCpus { get; set; } = 1;

    /// <summary>Memory in MiB.</summary>
    [RangeMinimum(1)]
    [Description("Memory in MiB.")]
    public long MemoryMB { get; set; } = 1024;

    /// <summary>The guest operating system id.</summary>
    [Length(MaxLength = 128)]
    [Description("Guest operating system id, for example 'otherGuest64'.")]
    public string? GuestId { get; set; }

    /// <summary>The network adapters.</summary>
    [Items(MaxItems = 10)]
    [Description("The network adapters in device order.")]
    public IList<SavedNic>? Nics { get; set; }
}
