using System.Xml.Linq;

namespace SnapshotHa.Vim.Faults;

/// <summary>A named item was not found (<c>NotFound</c>).</summary>
public class NotFoundException : VimFaultException
{
    /// <summary>Creates the exception.</summary>
    public NotFoundException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public NotFoundException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public NotFoundException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception from a fault's type name, message and detail element.</summary>
    public NotFoundException(string faultType, string message, XElement? detail)
        : base(faultType, message, detail)
    {
    }
}
