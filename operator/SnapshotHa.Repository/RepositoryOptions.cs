namespace SnapshotHa.Repository;

/// <summary>How a repository is opened and written.</summary>
public sealed record RepositoryOptions
{
    /// <summary>Gets the zstd level of new objects (0 = uncompressed). Default 1: fast, and random data is stored raw anyway.</summary>
    public int CompressionLevel { get; init; } = 1;

    /// <summary>Gets whether each new object is fsynced as written rather than by one syncfs before the commit.</summary>
    public bool FsyncEachObject { get; init; }

    /// <summary>
    /// Gets whether new objects go into pack files (default; format version 2) rather than one file each (format
    /// version 1, kept for comparison and for repositories older binaries must still write).
    /// </summary>
    public bool PackObjects { get; init; } = true;

    /// <summary>Gets the size at which a pack being written is committed and a new one started (default 1 GiB).</summary>
    public long PackSizeLimit { get; init; } = Storage.ObjectStoreOptions.DefaultPackSizeLimit;

    /// <summary>Gets how long a writer waits for the repository lock. Default 10 minutes.</summary>
    public TimeSpan LockTimeout { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Gets the age under which unreferenced objects survive garbage collection. Default 1 hour.</summary>
    public TimeSpan GarbageGracePeriod { get; init; } = TimeSpan.FromHours(1);

    /// <summary>Gets the layout of a repository created by this open (an existing repository keeps its own).</summary>
    public RepositoryFormat FormatForNew { get; init; } = new();

    /// <summary>Gets the threads of a merge (default: the processor count).</summary>
    public int Parallelism { get; init; } = Environment.ProcessorCount;

    /// <summary>Gets the clock (point-in-time retention, garbage grace period, lock wait).</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
