using System.Xml.Linq;

namespace SnapshotHa.Vim.Faults;

/// <summary>A snapshot operation failed (<c>SnapshotFault</c> and subtypes).</summary>
public class SnapshotFaultException : VimFaultException
{
    /// <summary>Creates the exception.</summary>
    public SnapshotFaultException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public SnapshotFaultException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public SnapshotFaultException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception from a fault's type name, message and detail element.</summary>
    public SnapshotFaultException(string faultType, string message, XElement? detail)
        : base(faultType, message, detail)
    {
    }
}
