using System.Xml.Linq;
using SnapshotHa.Vim.Soap;

namespace SnapshotHa.Vim.Faults;

/// <summary>An argument was rejected (<c>InvalidArgument</c>).</summary>
public class InvalidArgumentException : VimFaultException
{
    /// <summary>Creates the exception.</summary>
    public InvalidArgumentException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public InvalidArgumentException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public InvalidArgumentException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception from a fault's type name, message and detail element.</summary>
    public InvalidArgumentException(string faultType, string message, XElement? detail)
        : base(faultType, message, detail)
    {
        InvalidProperty = detail?.Text("invalidProperty");
    }

    /// <summary>Gets the argument named by the server, when the server sent it.</summary>
    public string? InvalidProperty { get; }
}
