namespace SnapshotHa.Operator.Controllers.Protection;

/// <summary>
/// Thrown when the snapshot named in <c>status.cycle</c> is no longer on the VM before its image was committed
/// (a user or vSphere deleted it). The layer it froze is gone, so retrying cannot succeed: the cycle restarts.
/// </summary>
public sealed class SnapshotLostException : Exception
{
    /// <summary>Creates the exception.</summary>
    public SnapshotLostException()
    {
        SnapshotName = "";
        VmName = "";
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">The message.</param>
    public SnapshotLostException(string message)
        : base(message)
    {
        SnapshotName = "";
        VmName = "";
    }

    /// <summary>Creates the exception with a message and cause.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public SnapshotLostException(string message, Exception innerException)
        : base(message, innerException)
    {
        SnapshotName = "";
        VmName = "";
    }

    /// <summary>Creates the exception for a named snapshot on a named VM.</summary>
    /// <param name="snapshotName">The snapshot that disappeared.</param>
    /// <param name="vmName">The VM it was on.</param>
    public SnapshotLostException(string snapshotName, string vmName)
        : base($"Snapshot {snapshotName} no longer exists on VM {vmName}")
    {
        SnapshotName = snapshotName;
        VmName = vmName;
    }

    /// <summary>The snapshot that disappeared.</summary>
    public string SnapshotName { get; }

    /// <summary>The VM it was on.</summary>
    public string VmName { get; }
}
