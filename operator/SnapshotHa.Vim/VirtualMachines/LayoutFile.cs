using SnapshotHa.Vim.Datastores;

namespace SnapshotHa.Vim.VirtualMachines;

/// <summary>A file of a VM (<c>layoutEx.file[]</c>).</summary>
/// <param name="Key">Key that disk chains and snapshots refer to.</param>
/// <param name="Name">The file's datastore path text, e.g. <c>[ds1] vm1/vm1-000001-delta.vmdk</c>.</param>
/// <param name="Type">File type, e.g. <c>diskDescriptor</c>, <c>diskExtent</c>, <c>config</c>, <c>snapshotData</c>.</param>
/// <param name="Size">Size in bytes.</param>
/// <param name="UniqueSize">Bytes not shared with other files (thin/linked clones), when reported.</param>
public sealed record LayoutFile(int Key, string Name, string Type, long Size, long? UniqueSize)
{
    /// <summary>Gets the parsed datastore path, or null when <see cref="Name"/> is not in <c>[ds] path</c> form.</summary>
    public DatastorePath? Path => DatastorePath.TryParse(Name, out var path) ? path : null;
}
