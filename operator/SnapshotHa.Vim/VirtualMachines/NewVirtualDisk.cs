using System.Globalization;
using System.Xml.Linq;
using SnapshotHa.Vim.Datastores;
using SnapshotHa.Vim.Soap;

namespace SnapshotHa.Vim.VirtualMachines;

/// <summary>An existing flat disk to attach.</summary>
/// <param name="Key">Device key to ask for (the source's, so that images keep their disk keys); 0 lets the server choose.</param>
/// <param name="Descriptor">The descriptor file on the datastore.</param>
/// <param name="CapacityBytes">The capacity.</param>
public sealed record NewVirtualDisk(int Key, DatastorePath Descriptor, long CapacityBytes)
{
    /// <summary>Writes the <c>device</c> element.</summary>
    internal XElement ToXml(int controllerKey, int unit) =>
        VimXml.Typed(
            "device",
            "VirtualDisk",
            VimXml.Element("key", Key.ToString(CultureInfo.InvariantCulture)),
            VimXml.Typed(
                "backing",
                "VirtualDiskFlatVer2BackingInfo",
                VimXml.Element("fileName", Descriptor.ToString()),
                VimXml.Element("diskMode", "persistent"),
                VimXml.Element("thinProvisioned", "true")),
            VimXml.Element("controllerKey", controllerKey.ToString(CultureInfo.InvariantCulture)),
            VimXml.Element("unitNumber", (unit >= 7 ? unit + 1 : unit).ToString(CultureInfo.InvariantCulture)),
            VimXml.Element("capacityInKB", (CapacityBytes / 1024).ToString(CultureInfo.InvariantCulture)),
            VimXml.Element("capacityInBytes", CapacityBytes.ToString(CultureInfo.InvariantCulture)));
}
