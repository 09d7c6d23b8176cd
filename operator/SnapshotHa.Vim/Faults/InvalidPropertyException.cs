using System.Xml.Linq;
using SnapshotHa.Vim.Soap;

namespace SnapshotHa.Vim.Faults;

/// <summary>A property path is unknown (<c>InvalidProperty</c>).</summary>
public class InvalidPropertyException : VimFaultException
{
    /// <summary>Creates the exception.</summary>
    public InvalidPropertyException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public InvalidPropertyException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public InvalidPropertyException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception from a fault's type name, message and detail element.</summary>
    public InvalidPropertyException(string faultType, string message, XElement? detail)
        : base(faultType, message, detail)
    {
        Name = detail?.Text("name");
    }

    /// <summary>Gets the property path, when the server sent it.</summary>
    public string? Name { get; }
}
