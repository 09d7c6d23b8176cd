using System.Xml.Linq;

namespace SnapshotHa.Vim.Faults;

/// <summary>The user name or password was rejected (<c>InvalidLogin</c>).</summary>
public class InvalidLoginException : VimFaultException
{
    /// <summary>Creates the exception.</summary>
    public InvalidLoginException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public InvalidLoginException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public InvalidLoginException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception from a fault's type name, message and detail element.</summary>
    public InvalidLoginException(string faultType, string message, XElement? detail)
        : base(faultType, message, detail)
    {
    }
}
