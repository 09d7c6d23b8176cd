using SnapshotHa.Kube.Entities.Attributes;

namespace SnapshotHa.Api.Protection;

/// <summary>One network adapter of a saved configuration.</summary>
[Description("One network adapter of a saved configuration.")]
public sealed record SavedNic
{
    /// <summary>The device type.</summary>
    [Required]
    [Length(MinLength = 1, MaxLength = 64)]
    [Description("Device type, for example 'VirtualVmxnet3'.")]
    public string DeviceType { get; set; } = "VirtualVmxnet3";

    /// <summary>The MAC address.</summary>
    [Length(MaxLength = 32)]
    [Description("MAC address, kept on failover so that the guest keeps its IP addresses.")]
    public string? MacAddress { get; set; }

    /// <summary>The network.</summary>
    [Length(MaxLength = 253)]
    [Description("Network (port group) name.")]
    public string? Network { get; set; }
}
