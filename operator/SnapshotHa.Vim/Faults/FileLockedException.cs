using System.Xml.Linq;

namespace SnapshotHa.Vim.Faults;

/// <summary>A datastore file is locked by another user (<c>FileLocked</c>); transient, retried.</summary>
public class FileLockedException : FileFaultException
{
    /// <summary>Creates the exception.</summary>
    public FileLockedException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public FileLockedException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public FileLockedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception from a fault's type name, message and detail element.</summary>
    public FileLockedException(string faultType, string message, XElement? detail)
        : base(faultType, message, detail)
    {
    }
}
