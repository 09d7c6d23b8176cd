namespace SnapshotHa.Disks;

/// <summary>Bounds that keep malformed metadata from causing huge allocations or endless work.</summary>
internal static class DiskLimits
{
    /// <summary>The largest virtual capacity accepted: 64 TiB (SEsparse's limit; VMware's largest disk is 62 TiB).</summary>
    public const long MaxCapacityBytes = 64L << 40;

    /// <summary>The largest capacity in sectors.</summary>
    public const long MaxCapacitySectors = MaxCapacityBytes / 512;

    /// <summary>The most extent lines one descriptor may have.</summary>
    public const int MaxExtents = 65536;

    /// <summary>The largest grain accepted: 1 MiB (formats use 512 B to 64 KiB).</summary>
    public const long MaxGrainBytes = 1 << 20;

    /// <summary>The most entries one grain table may have.</summary>
    public const int MaxEntriesPerTable = 65536;

    /// <summary>The largest grain directory read at once (32 MiB: 4 Mi u64 entries).</summary>
    public const long MaxDirectoryBytes = 32L << 20;

    /// <summary>The deepest parent chain followed.</summary>
    public const int MaxChainDepth = 255;
}
