namespace SnapshotHa.Disks.Descriptors;

/// <summary>The access mode of a descriptor extent line.</summary>
public enum ExtentAccess
{
    /// <summary><c>RW</c>: readable and writable.</summary>
    ReadWrite,

    /// <summary><c>RDONLY</c>: readable only.</summary>
    ReadOnly,

    /// <summary><c>NOACCESS</c>: must not be read.</summary>
    NoAccess,
}
