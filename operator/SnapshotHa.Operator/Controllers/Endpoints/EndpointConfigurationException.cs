namespace SnapshotHa.Operator.Controllers.Endpoints;

/// <summary>An endpoint cannot be connected because of its configuration; <see cref="Reason"/> is the condition reason.</summary>
public sealed class EndpointConfigurationException : Exception
{
    /// <summary>Creates the exception.</summary>
    public EndpointConfigurationException()
    {
        Reason = "Invalid";
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is wrong.</param>
    public EndpointConfigurationException(string message)
        : base(message)
    {
        Reason = "Invalid";
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is wrong.</param>
    /// <param name="innerException">The cause.</param>
    public EndpointConfigurationException(string message, Exception innerException)
        : base(message, innerException)
    {
        Reason = "Invalid";
    }

    /// <summary>Creates the exception with a condition reason.</summary>
    /// <param name="reason">The CamelCase condition reason.</param>
    /// <param name="message">What is wrong.</param>
    public EndpointConfigurationException(string reason, string message)
        : base(message)
    {
        Reason = reason;
    }

    /// <summary>Gets the CamelCase condition reason.</summary>
    public string Reason { get; }
}
