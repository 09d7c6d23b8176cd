namespace SnapshotHa.Fuzz.Targets;

/// <summary>The binary disk formats with a fuzz target each.</summary>
public enum DiskFormat
{
    /// <summary>Hosted sparse "KDMV".</summary>
    Kdmv,

    /// <summary>vmfsSparse "COWD".</summary>
    Cowd,

    /// <summary>SEsparse.</summary>
    SeSparse,

    /// <summary>streamOptimized (KDMV with compressed grains and markers).</summary>
    StreamOptimized,
}
