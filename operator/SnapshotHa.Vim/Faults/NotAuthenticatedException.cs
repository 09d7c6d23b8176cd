using System.Xml.Linq;
using SnapshotHa.Vim.Soap;

namespace SnapshotHa.Vim.Faults;

/// <summary>The session is not (or no longer) authenticated (<c>NotAuthenticated</c>); the client re-logs in and retries once.</summary>
public class NotAuthenticatedException : VimFaultException
{
    /// <summary>Creates the exception.</summary>
    public NotAuthenticatedException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public NotAuthenticatedException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public NotAuthenticatedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception from a fault's type name, message and detail element.</summary>
    public NotAuthenticatedException(string faultType, string message, XElement? detail)
        : base(faultType, message, detail)
    {
        ManagedObject = detail?.Child("object") is { } eManagedObject && eManagedObject.Attribute("type") is not null ? eManagedObject.ToMoref() : null;
        PrivilegeId = detail?.Text("privilegeId");
    }

    /// <summary>Gets the object the call touched, when the server sent it.</summary>
    public ManagedObjectReference? ManagedObject { get; }

    /// <summary>Gets the privilege that was checked, when the server sent it.</summary>
    public string? PrivilegeId { get; }
}
