namespace SnapshotHa.Disks.Extents;

/// <summary>A run of <paramref name="Length"/> bytes in one <paramref name="State"/>.</summary>
/// <param name="State">The state of the whole run.</param>
/// <param name="Length">The run length in bytes, greater than zero.</param>
internal readonly record struct BlockStatus(BlockState State, long Length);
