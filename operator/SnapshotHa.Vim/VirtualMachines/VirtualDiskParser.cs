using System.Xml.Linq;
using SnapshotHa.Vim.Datastores;
using SnapshotHa.Vim.Faults;
using SnapshotHa.Vim.Soap;

namespace SnapshotHa.Vim.VirtualMachines;

/// <summary>
/// Reads the <c>VirtualDisk</c> devices of <c>config.hardware.device</c> and resolves each backing chain: layers
/// from <c>backing.parent</c>, extent files and sizes from <c>layoutEx</c> by file key and type.
/// </summary>
internal static class VirtualDiskParser
{
    private const int MaxChainLength = 256;

    /// <summary>Parses every virtual disk of an <c>ArrayOfVirtualDevice</c> value (null gives none).</summary>
    /// <exception cref="VimProtocolException">A disk has no backing file or its chain loops.</exception>
    public static IReadOnlyList<VirtualDiskInfo> Parse(XElement? devices, FileLayout layout)
    {
        if (devices is null)
        {
            return [];
        }

        return [.. devices.Elements().Where(d => d.XsiType() == "VirtualDisk").Select(d => ParseDisk(d, layout))];
    }

    private static VirtualDiskInfo ParseDisk(XElement disk, FileLayout layout)
    {
        var key = disk.Int("key") ?? throw new VimProtocolException("VirtualDisk has no key.");
        var backing = disk.Child("backing") ?? throw new VimProtocolException($"VirtualDisk {key} has no backing.");
        var capacity = disk.Long("capacityInBytes") ?? (disk.Long("capacityInKB") ?? 0) * 1024;
        return new VirtualDiskInfo(
            key,
            disk.Descendant("deviceInfo.label")?.Value ?? $"disk-{key}",
            capacity,
            backing.Text("diskMode"),
            backing.Bool("thinProvisioned"),
            backing.Text("uuid"),
            backing.Text("changeId"),
            backing.MorefChild("datastore"),
            ResolveChain(key, backing, layout));
    }

    private static DiskChain ResolveChain(int diskKey, XElement topBacking, FileLayout layout)
    {
        var topFirst = new List<DiskLayer>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var backing = topBacking; backing is not null; backing = backing.Child("parent"))
        {
            var fileName = backing.Text("fileName")
                ?? throw new VimProtocolException($"VirtualDisk {diskKey} has a backing without fileName.");
            if (!seen.Add(fileName) || topFirst.Count >= MaxChainLength)
            {
                throw new VimProtocolException($"VirtualDisk {diskKey} backing chain loops or is too long at '{fileName}'.");
            }

            topFirst.Add(ResolveLayer(diskKey, fileName, backing, layout));
        }

        topFirst.Reverse();
        return new DiskChain(topFirst);
    }

    private static DiskLayer ResolveLayer(int diskKey, string fileName, XElement backing, FileLayout layout)
    {
        if (!DatastorePath.TryParse(fileName, out var descriptorPath))
        {
            throw new VimProtocolException($"VirtualDisk {diskKey} backing file '{fileName}' is not a datastore path.");
        }

        var descriptor = layout.FindFile(fileName, "diskDescriptor");
        var extent = descriptor is not null && layout.ExtentsOf(diskKey, descriptor) is [var first, ..] ? first : null;
        return new DiskLayer(
            descriptorPath,
            extent?.Path,
            descriptor?.Size,
            extent?.Size,
            backing.Text("deltaDiskFormat"),
            backing.Text("contentId"));
    }
}
