using SnapshotHa.Disks;

namespace SnapshotHa.Repository.Merging;

/// <summary>A layer to merge into one disk.</summary>
/// <param name="DiskKey">The disk's key within the VM (for example <c>scsi0:0</c>).</param>
/// <param name="Layer">The layer: its allocated ranges replace the parent's content there.</param>
public sealed record LayerInput(string DiskKey, IDiskLayer Layer);
