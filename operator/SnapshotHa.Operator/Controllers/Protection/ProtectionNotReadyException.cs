namespace SnapshotHa.Operator.Controllers.Protection;

/// <summary>A ProtectedVM cannot be worked on yet; <see cref="Reason"/> is the <c>Ready</c> condition's reason.</summary>
public sealed class ProtectionNotReadyException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ProtectionNotReadyException()
    {
        Reason = "NotReady";
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is missing.</param>
    public ProtectionNotReadyException(string message)
        : base(message)
    {
        Reason = "NotReady";
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is missing.</param>
    /// <param name="innerException">The cause.</param>
    public ProtectionNotReadyException(string message, Exception innerException)
        : base(message, innerException)
    {
        Reason = "NotReady";
    }

    /// <summary>Creates the exception with a condition reason.</summary>
    /// <param name="reason">The CamelCase reason.</param>
    /// <param name="message">What is missing.</param>
    /// <param name="innerException">The cause, or null.</param>
    public ProtectionNotReadyException(string reason, string message, Exception? innerException)
        : base(message, innerException)
    {
        Reason = reason;
    }

    /// <summary>Gets the CamelCase condition reason.</summary>
    public string Reason { get; }
}
