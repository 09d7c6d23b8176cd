using SnapshotHa.Kube.Entities.Attributes;

namespace SnapshotHa.Api.Protection;

/// <summary>One virtual disk.</summary>
[Description("One virtual disk of the VM.")]
public sealed record DiskFacts
{
    /// <summary>The device key.</summary>
    [Required]
    [Description("Device key of the disk in the VM's hardware (2000, 2001, ...).")]
    public int Key { get; set; }

    /// <summary>The label.</summary>
    [Length(MaxLength = 128)]
    [Description("Device label, for example 'Hard disk 1'.")]
    public string? Label { get; set; }

    /// <summary>The descriptor file.</summary>
    [Length(MaxLength = 1024)]
    [Description("Datastore path of the base disk's descriptor, for example '[datastore1] web-01/web-01.vmdk'.")]
    public string? FileName { get; set; }

    /// <summary>The capacity.</summary>
    [RangeMinimum(0)]
    [Description("Capacity of the disk in bytes.")]
    public long? CapacityBytes { get; set; }
}
