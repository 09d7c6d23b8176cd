using System.Xml.Linq;
using SnapshotHa.Vim.Soap;

namespace SnapshotHa.Vim.Faults;

/// <summary>The object is busy with another task (<c>TaskInProgress</c>); transient, retried.</summary>
public class TaskInProgressException : VimFaultException
{
    /// <summary>Creates the exception.</summary>
    public TaskInProgressException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public TaskInProgressException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public TaskInProgressException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception from a fault's type name, message and detail element.</summary>
    public TaskInProgressException(string faultType, string message, XElement? detail)
        : base(faultType, message, detail)
    {
        Task = detail?.Child("task") is { } eTask && eTask.Attribute("type") is not null ? eTask.ToMoref() : null;
    }

    /// <summary>Gets the busy task, when the server sent it.</summary>
    public ManagedObjectReference? Task { get; }
}
