using System.Xml.Linq;

namespace SnapshotHa.Vim.Faults;

/// <summary>
/// A vim25 fault: a SOAP fault returned by a method, a task that ended in <c>error</c>, or a per-property fault of a
/// property retrieval. Subclasses exist for the faults callers act on; any other fault arrives as this type with
/// <see cref="FaultType"/> naming it.
/// </summary>
public class VimFaultException : Exception
{
    /// <summary>Creates the exception.</summary>
    public VimFaultException()
    {
        FaultType = "VimFault";
    }

    /// <summary>Creates the exception with a message.</summary>
    public VimFaultException(string message)
        : base(message)
    {
        FaultType = "VimFault";
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public VimFaultException(string message, Exception innerException)
        : base(message, innerException)
    {
        FaultType = "VimFault";
    }

    /// <summary>Creates the exception from a fault's type name, message and detail element.</summary>
    public VimFaultException(string faultType, string message, XElement? detail)
        : base(message)
    {
        FaultType = faultType;
        Detail = detail;
    }

    /// <summary>Gets the vim25 fault type, e.g. <c>InvalidPowerState</c>.</summary>
    public string FaultType { get; }

    /// <summary>Gets the fault's detail element (its fields), when the server sent one.</summary>
    public XElement? Detail { get; }

    /// <summary>Gets the task that ended with this fault, or null when a method call itself failed.</summary>
    public ManagedObjectReference? FailedTask { get; internal set; }
}
