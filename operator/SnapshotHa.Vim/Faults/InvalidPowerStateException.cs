using System.Xml.Linq;
using SnapshotHa.Vim.Soap;

namespace SnapshotHa.Vim.Faults;

/// <summary>The VM is in the wrong power state (<c>InvalidPowerState</c>).</summary>
public class InvalidPowerStateException : InvalidStateException
{
    /// <summary>Creates the exception.</summary>
    public InvalidPowerStateException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public InvalidPowerStateException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public InvalidPowerStateException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception from a fault's type name, message and detail element.</summary>
    public InvalidPowerStateException(string faultType, string message, XElement? detail)
        : base(faultType, message, detail)
    {
        RequestedState = detail?.Text("requestedState");
        ExistingState = detail?.Text("existingState");
    }

    /// <summary>Gets the requested power state, when the server sent it.</summary>
    public string? RequestedState { get; }

    /// <summary>Gets the VM's power state, when the server sent it.</summary>
    public string? ExistingState { get; }
}
