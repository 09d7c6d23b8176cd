using System.Globalization;
using System.Xml.Linq;
using SnapshotHa.Vim.Soap;

namespace SnapshotHa.Vim.VirtualMachines;

/// <summary>A network adapter to add.</summary>
/// <param name="DeviceType">The device type, e.g. <c>VirtualVmxnet3</c>.</param>
/// <param name="MacAddress">The MAC address to keep (manual), or null for a generated one.</param>
/// <param name="Network">The network (port group) name.</param>
public sealed record NewVirtualNic(string DeviceType, string? MacAddress, string Network)
{
    /// <summary>Writes the <c>device</c> element.</summary>
    internal XElement ToXml(int key) =>
        VimXml.Typed(
            "device",
            DeviceType,
            VimXml.Element("key", key.ToString(CultureInfo.InvariantCulture)),
            VimXml.Typed("backing", "VirtualEthernetCardNetworkBackingInfo", VimXml.Element("deviceName", Network)),
            VimXml.Element(
                "connectable",
                VimXml.Element("startConnected", "true"),
                VimXml.Element("allowGuestControl", "true"),
                VimXml.Element("connected", "true")),
            VimXml.Element("addressType", MacAddress is null ? "generated" : "manual"),
            MacAddress is null ? null : VimXml.Element("macAddress", MacAddress));
}
