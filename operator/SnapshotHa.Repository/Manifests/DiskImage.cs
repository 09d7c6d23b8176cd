namespace SnapshotHa.Repository.Manifests;

/// <summary>One disk of an image: its size and the root of its chunk index tree.</summary>
/// <param name="Key">The disk's key within the VM (for example <c>scsi0:0</c>).</param>
/// <param name="Capacity">The virtual size in bytes.</param>
/// <param name="Root">The root index page's hash, 64 hex digits; all zeros for an all-zero disk.</param>
public sealed record DiskImage(string Key, long Capacity, string Root);
