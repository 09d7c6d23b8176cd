using System.Xml.Linq;

namespace SnapshotHa.Vim.Faults;

/// <summary>The host did not answer (<c>HostCommunication</c>, <c>HostNotConnected</c>, <c>HostNotReachable</c>); transient, retried.</summary>
public class HostCommunicationException : VimFaultException
{
    /// <summary>Creates the exception.</summary>
    public HostCommunicationException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public HostCommunicationException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public HostCommunicationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception from a fault's type name, message and detail element.</summary>
    public HostCommunicationException(string faultType, string message, XElement? detail)
        : base(faultType, message, detail)
    {
    }
}
