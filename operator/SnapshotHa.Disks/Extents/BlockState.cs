namespace SnapshotHa.Disks.Extents;

/// <summary>What one layer says about a run of virtual bytes.</summary>
internal enum BlockState
{
    /// <summary>Not allocated here: read the parent (or zeros without one).</summary>
    Unallocated,

    /// <summary>Data stored in this layer.</summary>
    Data,

    /// <summary>Marked zero in this layer: zeros, the parent is hidden.</summary>
    Zero,
}
