namespace SnapshotHa.Disks.Descriptors;

/// <summary>The type of a descriptor extent line.</summary>
public enum VmdkExtentType
{
    /// <summary><c>FLAT</c>: raw bytes at a sector offset into a file.</summary>
    Flat,

    /// <summary><c>SPARSE</c>: a hosted sparse "KDMV" file (also streamOptimized).</summary>
    Sparse,

    /// <summary><c>ZERO</c>: no file, reads as zeros.</summary>
    Zero,

    /// <summary><c>VMFS</c>: an ESXi flat file, no offset.</summary>
    Vmfs,

    /// <summary><c>VMFSSPARSE</c>: an ESXi "COWD" delta file.</summary>
    VmfsSparse,

    /// <summary><c>SESPARSE</c>: an ESXi SEsparse delta file.</summary>
    SeSparse,

    /// <summary><c>VMFSRDM</c>: a raw device mapping (not readable here).</summary>
    VmfsRdm,

    /// <summary><c>VMFSRAW</c>: a raw device (not readable here).</summary>
    VmfsRaw,
}
