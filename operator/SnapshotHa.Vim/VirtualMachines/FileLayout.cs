using System.Xml.Linq;
using SnapshotHa.Vim.Soap;

namespace SnapshotHa.Vim.VirtualMachines;

/// <summary>
/// A VM's files and which of them make up each disk (<c>layoutEx</c>). Chain and file-key order differ between
/// servers, so lookups go by key and file type only.
/// </summary>
/// <param name="Files">All files by key.</param>
/// <param name="DiskChains">Per disk device key: the chain elements, each a set of file keys (descriptor + extent).</param>
/// <param name="SnapshotData">Per snapshot: its state file key (<c>dataKey</c>).</param>
public sealed record FileLayout(
    IReadOnlyDictionary<int, LayoutFile> Files,
    IReadOnlyDictionary<int, IReadOnlyList<IReadOnlyList<int>>> DiskChains,
    IReadOnlyDictionary<ManagedObjectReference, int> SnapshotData)
{
    /// <summary>An empty layout (the property was unset).</summary>
    public static readonly FileLayout Empty = new(
        new Dictionary<int, LayoutFile>(), new Dictionary<int, IReadOnlyList<IReadOnlyList<int>>>(), new Dictionary<ManagedObjectReference, int>());

    /// <summary>Finds a file by its datastore path text and type, or null.</summary>
    public LayoutFile? FindFile(string name, string type) =>
        Files.Values.FirstOrDefault(f => f.Type == type && string.Equals(f.Name, name, StringComparison.Ordinal));

    /// <summary>
    /// Finds the extent files that belong to a descriptor of a disk: those of type <c>diskExtent</c> in the chain
    /// element of disk <paramref name="diskKey"/> holding the descriptor's key.
    /// </summary>
    public IReadOnlyList<LayoutFile> ExtentsOf(int diskKey, LayoutFile descriptor)
    {
        ArgumentNullException.ThrowIfNull(descriptor);
        if (!DiskChains.TryGetValue(diskKey, out var chain))
        {
            return [];
        }

        var element = chain.FirstOrDefault(keys => keys.Contains(descriptor.Key));
        return element is null
            ? []
            : [.. element.Where(k => k != descriptor.Key && Files.TryGetValue(k, out var f) && f.Type == "diskExtent").Select(k => Files[k])];
    }

    /// <summary>Parses the <c>layoutEx</c> property value; null gives <see cref="Empty"/>.</summary>
    public static FileLayout Parse(XElement? element)
    {
        if (element is null)
        {
            return Empty;
        }

        var files = new Dictionary<int, LayoutFile>();
        foreach (var file in element.Children("file"))
        {
            var key = file.Int("key") ?? throw new Faults.VimProtocolException("layoutEx file has no key.");
            files[key] = new LayoutFile(key, file.Text("name") ?? "", file.Text("type") ?? "", file.Long("size") ?? 0, file.Long("uniqueSize"));
        }

        var disks = new Dictionary<int, IReadOnlyList<IReadOnlyList<int>>>();
        foreach (var disk in element.Children("disk"))
        {
            var key = disk.Int("key") ?? throw new Faults.VimProtocolException("layoutEx disk has no key.");
            disks[key] = [.. disk.Children("chain").Select(c => (IReadOnlyList<int>)[.. c.Children("fileKey").Select(ParseKey)])];
        }

        var snapshots = new Dictionary<ManagedObjectReference, int>();
        foreach (var snapshot in element.Children("snapshot"))
        {
            if (snapshot.MorefChild("key") is { } key && snapshot.Int("dataKey") is { } dataKey)
            {
                snapshots[key] = dataKey;
            }
        }

        return new FileLayout(files, disks, snapshots);
    }

    private static int ParseKey(XElement element) =>
        int.TryParse(element.Value, System.Globalization.CultureInfo.InvariantCulture, out var key)
            ? key
            : throw new Faults.VimProtocolException($"layoutEx fileKey '{element.Value}' is not an integer.");
}
