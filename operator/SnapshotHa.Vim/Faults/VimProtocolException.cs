namespace SnapshotHa.Vim.Faults;

/// <summary>The server answered something that is not a well-formed vim25 message (bad XML, missing element).</summary>
public sealed class VimProtocolException : Exception
{
    /// <summary>Creates the exception.</summary>
    public VimProtocolException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public VimProtocolException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public VimProtocolException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
