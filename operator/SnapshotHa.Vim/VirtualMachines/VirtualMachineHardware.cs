using System.Xml.Linq;
using SnapshotHa.Vim.Properties;
using SnapshotHa.Vim.Soap;

namespace SnapshotHa.Vim.VirtualMachines;

/// <summary>The parts of a VM's configuration a recovered copy needs besides its disks.</summary>
/// <param name="NumCpus">Virtual CPUs.</param>
/// <param name="MemoryMB">Memory in MiB.</param>
/// <param name="GuestId">The guest operating system id, when reported.</param>
/// <param name="Nics">The network adapters.</param>
public sealed record VirtualMachineHardware(int NumCpus, long MemoryMB, string? GuestId, IReadOnlyList<VirtualNicInfo> Nics)
{
    /// <summary>The property paths <see cref="FromContent"/> reads.</summary>
    internal static readonly IReadOnlyList<string> Paths =
        ["config.hardware.numCPU", "config.hardware.memoryMB", "config.guestId", "config.hardware.device"];

    private static readonly HashSet<string> NicTypes = new(StringComparer.Ordinal)
    {
        "VirtualE1000", "VirtualE1000e", "VirtualPCNet32", "VirtualVmxnet", "VirtualVmxnet2", "VirtualVmxnet3", "VirtualSriovEthernetCard",
    };

    /// <summary>Builds the hardware from retrieved properties.</summary>
    internal static VirtualMachineHardware FromContent(ObjectContent content) =>
        new(
            int.TryParse(content.Text("config.hardware.numCPU"), out var cpus) && cpus > 0 ? cpus : 1,
            long.TryParse(content.Text("config.hardware.memoryMB"), out var memory) && memory > 0 ? memory : 1024,
            content.Text("config.guestId"),
            ParseNics(content["config.hardware.device"]));

    private static IReadOnlyList<VirtualNicInfo> ParseNics(XElement? devices) =>
        devices is null
            ? []
            : [.. devices.Elements()
                .Where(d => d.XsiType() is { } type && NicTypes.Contains(type))
                .Select(d => new VirtualNicInfo(
                    d.Int("key") ?? 0,
                    d.XsiType()!,
                    d.Text("macAddress"),
                    d.Child("backing") is { } b && b.XsiType() == "VirtualEthernetCardNetworkBackingInfo" ? b.Text("deviceName") : null))];
}
