using System.Xml.Linq;
using SnapshotHa.Vim.Soap;

namespace SnapshotHa.Vim.Faults;

/// <summary>The server does not implement the method (<c>MethodNotFound</c>).</summary>
public class MethodNotFoundException : VimFaultException
{
    /// <summary>Creates the exception.</summary>
    public MethodNotFoundException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public MethodNotFoundException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public MethodNotFoundException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception from a fault's type name, message and detail element.</summary>
    public MethodNotFoundException(string faultType, string message, XElement? detail)
        : base(faultType, message, detail)
    {
        Method = detail?.Text("method");
    }

    /// <summary>Gets the method name, when the server sent it.</summary>
    public string? Method { get; }
}
