using SnapshotHa.Vim.Datastores;

namespace SnapshotHa.Vim.VirtualMachines;

/// <summary>One layer of a virtual disk: a descriptor and its extent file (base disk or snapshot delta).</summary>
/// <param name="Descriptor">The descriptor file (<c>x.vmdk</c>, <c>x-000001.vmdk</c>).</param>
/// <param name="Extent">The extent file (<c>x-flat.vmdk</c>, <c>x-000001-delta.vmdk</c>, <c>…-sesparse.vmdk</c>), when the layout names it.</param>
/// <param name="DescriptorSize">Descriptor size in bytes, when the layout reports it.</param>
/// <param name="ExtentSize">Extent size in bytes (for a delta: how much was written since its snapshot), when reported.</param>
/// <param name="DeltaDiskFormat"><c>redoLogFormat</c> (vmfsSparse), <c>seSparseFormat</c> or <c>nativeFormat</c> for deltas; null for a base disk.</param>
/// <param name="ContentId">The layer's content id, when reported.</param>
public sealed record DiskLayer(
    DatastorePath Descriptor,
    DatastorePath? Extent,
    long? DescriptorSize,
    long? ExtentSize,
    string? DeltaDiskFormat,
    string? ContentId);
