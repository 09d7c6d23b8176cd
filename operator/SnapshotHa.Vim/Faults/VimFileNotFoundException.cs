using System.Xml.Linq;

namespace SnapshotHa.Vim.Faults;

/// <summary>A datastore file does not exist (<c>FileNotFound</c>).</summary>
public class VimFileNotFoundException : FileFaultException
{
    /// <summary>Creates the exception.</summary>
    public VimFileNotFoundException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public VimFileNotFoundException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public VimFileNotFoundException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception from a fault's type name, message and detail element.</summary>
    public VimFileNotFoundException(string faultType, string message, XElement? detail)
        : base(faultType, message, detail)
    {
    }
}
