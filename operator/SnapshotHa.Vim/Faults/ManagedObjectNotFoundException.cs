using System.Xml.Linq;
using SnapshotHa.Vim.Soap;

namespace SnapshotHa.Vim.Faults;

/// <summary>The managed object no longer exists (<c>ManagedObjectNotFound</c>).</summary>
public class ManagedObjectNotFoundException : VimFaultException
{
    /// <summary>Creates the exception.</summary>
    public ManagedObjectNotFoundException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public ManagedObjectNotFoundException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public ManagedObjectNotFoundException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception from a fault's type name, message and detail element.</summary>
    public ManagedObjectNotFoundException(string faultType, string message, XElement? detail)
        : base(faultType, message, detail)
    {
        ManagedObject = detail?.Child("obj") is { } eManagedObject && eManagedObject.Attribute("type") is not null ? eManagedObject.ToMoref() : null;
    }

    /// <summary>Gets the missing object, when the server sent it.</summary>
    public ManagedObjectReference? ManagedObject { get; }
}
