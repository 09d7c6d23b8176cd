using SnapshotHa.Vim.Datastores;

namespace SnapshotHa.Operator.Merging;

/// <summary>One disk's frozen content to merge: a descriptor on the datastore and how much of its chain to read.</summary>
/// <param name="DiskKey">The disk's key in the image (the device key).</param>
/// <param name="Descriptor">The frozen top layer's descriptor.</param>
/// <param name="WholeChain">
/// True to read the descriptor's whole chain down to the base (seed, or when the previous boundary is unknown);
/// false to read only this one layer (the writes since the previous snapshot).
/// </param>
public sealed record LayerSource(string DiskKey, DatastorePath Descriptor, bool WholeChain);
