using System.Globalization;
using System.Xml.Linq;
using SnapshotHa.Vim.Datastores;
using SnapshotHa.Vim.Soap;

namespace SnapshotHa.Vim.VirtualMachines;

/// <summary>
/// A new VM over existing disk files (<c>VirtualMachineConfigSpec</c> for <c>CreateVM_Task</c>): one LSI Logic SCSI
/// controller, the given flat disks attached as they are (no file operation), the given adapters with manual MACs.
/// </summary>
/// <param name="Name">Display name.</param>
/// <param name="VmxPath">The configuration file to create, e.g. <c>[ds] dir/name.vmx</c>.</param>
/// <param name="NumCpus">Virtual CPUs.</param>
/// <param name="MemoryMB">Memory in MiB.</param>
/// <param name="GuestId">Guest operating system id, or null for <c>otherGuest</c>.</param>
/// <param name="Disks">The disks, in unit order.</param>
/// <param name="Nics">The network adapters.</param>
/// <param name="ExtraConfig">Advanced settings, e.g. markers naming who created the VM.</param>
public sealed record VirtualMachineCreateSpec(
    string Name,
    DatastorePath VmxPath,
    int NumCpus,
    long MemoryMB,
    string? GuestId,
    IReadOnlyList<NewVirtualDisk> Disks,
    IReadOnlyList<NewVirtualNic> Nics,
    IReadOnlyDictionary<string, string>? ExtraConfig = null)
{
    private const int ControllerKey = -100;

    /// <summary>Writes the <c>config</c> element, fields in schema order.</summary>
    internal XElement ToXml() =>
        VimXml.Element(
            "config",
            VimXml.Element("name", Name),
            VimXml.Element("guestId", GuestId ?? "otherGuest"),
            VimXml.Element("files", VimXml.Element("vmPathName", VmxPath.ToString())),
            VimXml.Element("numCPUs", NumCpus.ToString(CultureInfo.InvariantCulture)),
            VimXml.Element("memoryMB", MemoryMB.ToString(CultureInfo.InvariantCulture)),
            DeviceChange("add", VimXml.Typed(
                "device",
                "VirtualLsiLogicController",
                VimXml.Element("key", ControllerKey.ToString(CultureInfo.InvariantCulture)),
                VimXml.Element("busNumber", "0"),
                VimXml.Element("sharedBus", "noSharing"))),
            Disks.Select((d, unit) => DeviceChange("add", d.ToXml(ControllerKey, unit))),
            Nics.Select((n, index) => DeviceChange("add", n.ToXml(-200 - index))),
            (ExtraConfig ?? new Dictionary<string, string>()).Select(kv => VimXml.Typed(
                "extraConfig",
                "OptionValue",
                VimXml.Element("key", kv.Key),
                VimXml.Typed("value", "xsd:string", kv.Value))));

    private static XElement DeviceChange(string operation, XElement device) =>
        VimXml.Element("deviceChange", VimXml.Element("operation", operation), device);
}
