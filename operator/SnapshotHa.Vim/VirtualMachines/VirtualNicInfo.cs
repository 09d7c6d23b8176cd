namespace SnapshotHa.Vim.VirtualMachines;

/// <summary>One virtual network adapter as <c>config.hardware.device</c> reports it.</summary>
/// <param name="Key">The device key.</param>
/// <param name="DeviceType">The device type, e.g. <c>VirtualVmxnet3</c> or <c>VirtualE1000</c>.</param>
/// <param name="MacAddress">The MAC address, when assigned.</param>
/// <param name="Network">The network (port group) name of a standard-switch backing, else null.</param>
public sealed record VirtualNicInfo(int Key, string DeviceType, string? MacAddress, string? Network);
