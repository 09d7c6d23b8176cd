using System.Xml.Linq;

namespace SnapshotHa.Vim.Faults;

/// <summary>The operation is not allowed in the object's current state (<c>InvalidState</c> and subtypes).</summary>
public class InvalidStateException : VimFaultException
{
    /// <summary>Creates the exception.</summary>
    public InvalidStateException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public InvalidStateException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public InvalidStateException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception from a fault's type name, message and detail element.</summary>
    public InvalidStateException(string faultType, string message, XElement? detail)
        : base(faultType, message, detail)
    {
    }
}
