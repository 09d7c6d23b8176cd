using System.Xml.Linq;
using SnapshotHa.Vim.Soap;

namespace SnapshotHa.Vim.Faults;

/// <summary>A datastore file operation failed (<c>FileFault</c> and subtypes).</summary>
public class FileFaultException : VimFaultException
{
    /// <summary>Creates the exception.</summary>
    public FileFaultException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public FileFaultException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public FileFaultException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception from a fault's type name, message and detail element.</summary>
    public FileFaultException(string faultType, string message, XElement? detail)
        : base(faultType, message, detail)
    {
        File = detail?.Text("file");
    }

    /// <summary>Gets the file concerned, when the server sent it.</summary>
    public string? File { get; }
}
