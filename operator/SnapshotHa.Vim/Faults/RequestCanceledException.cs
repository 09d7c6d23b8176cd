using System.Xml.Linq;

namespace SnapshotHa.Vim.Faults;

/// <summary>The server canceled the request (<c>RequestCanceled</c>).</summary>
public class RequestCanceledException : VimFaultException
{
    /// <summary>Creates the exception.</summary>
    public RequestCanceledException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public RequestCanceledException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public RequestCanceledException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception from a fault's type name, message and detail element.</summary>
    public RequestCanceledException(string faultType, string message, XElement? detail)
        : base(faultType, message, detail)
    {
    }
}
