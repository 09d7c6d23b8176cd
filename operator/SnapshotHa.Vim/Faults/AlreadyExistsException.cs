using System.Xml.Linq;
using SnapshotHa.Vim.Soap;

namespace SnapshotHa.Vim.Faults;

/// <summary>The item already exists (<c>AlreadyExists</c>), e.g. a VM path already registered.</summary>
public class AlreadyExistsException : VimFaultException
{
    /// <summary>Creates the exception.</summary>
    public AlreadyExistsException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public AlreadyExistsException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public AlreadyExistsException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception from a fault's type name, message and detail element.</summary>
    public AlreadyExistsException(string faultType, string message, XElement? detail)
        : base(faultType, message, detail)
    {
        Name = detail?.Text("name");
    }

    /// <summary>Gets the existing name, when the server sent it.</summary>
    public string? Name { get; }
}
