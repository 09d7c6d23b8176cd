namespace SnapshotHa.Api.Endpoints;

/// <summary>Condition types and reasons of a VSphereEndpoint.</summary>
public static class EndpointConditions
{
    /// <summary>A vim25 session is established.</summary>
    public const string Connected = "Connected";

    /// <summary>Every host answers heartbeats.</summary>
    public const string HeartbeatHealthy = "HeartbeatHealthy";

    /// <summary>Connected: the session was established and the certificate verified.</summary>
    public const string ReasonSessionEstablished = "SessionEstablished";

    /// <summary>Connected, without certificate verification (insecureSkipVerify).</summary>
    public const string ReasonInsecureConnection = "InsecureConnection";

    /// <summary>Not connected: the credentials Secret is missing or lacks a key.</summary>
    public const string ReasonCredentialsMissing = "CredentialsMissing";

    /// <summary>Not connected: vSphere rejected the user name or password.</summary>
    public const string ReasonLoginFailed = "LoginFailed";

    /// <summary>Not connected: the certificate does not match the CA bundle or the pinned thumbprint.</summary>
    public const string ReasonCertificateMismatch = "CertificateMismatch";

    /// <summary>Not connected: the URL cannot be reached.</summary>
    public const string ReasonUnreachable = "Unreachable";

    /// <summary>Heartbeat healthy: every host answered within its budget.</summary>
    public const string ReasonAllHostsResponding = "AllHostsResponding";

    /// <summary>Heartbeat unhealthy: at least one host missed missesBeforeFailure heartbeats.</summary>
    public const string ReasonHostFailed = "HostFailed";
}
