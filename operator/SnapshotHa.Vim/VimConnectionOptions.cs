using System.Text;

namespace SnapshotHa.Vim;

/// <summary>
/// How to reach and authenticate to an ESXi host or vCenter. TLS is verified against the system trust store unless
/// <see cref="CaBundlePem"/> or <see cref="Thumbprint"/> is given; <see cref="InsecureSkipVerify"/> disables
/// verification and is logged as a warning on every connection. <see cref="ToString"/> never prints the password.
/// </summary>
public sealed record VimConnectionOptions
{
    /// <summary>Gets the SDK endpoint, e.g. <c>https://esxi01.example.com/sdk</c>; a bare host URL gets <c>/sdk</c>.</summary>
    public required Uri Url { get; init; }

    /// <summary>Gets the user name for SessionManager.Login.</summary>
    public required string Username { get; init; }

    /// <summary>Gets the password for SessionManager.Login; never logged.</summary>
    public required string Password { get; init; }

    /// <summary>Gets PEM-encoded CA certificates the server certificate must chain to (instead of the system store).</summary>
    public string? CaBundlePem { get; init; }

    /// <summary>Gets the pinned SHA-256 fingerprint of the server certificate (hex, colons optional).</summary>
    public string? Thumbprint { get; init; }

    /// <summary>Gets whether to accept any server certificate. Dangerous: logged as a warning on every connection.</summary>
    public bool InsecureSkipVerify { get; init; }

    /// <summary>Gets the timeout of one SOAP call or one datastore transfer request (default 60 s).</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Gets how long to wait for a task to finish before giving up (default 30 min).</summary>
    public TimeSpan TaskTimeout { get; init; } = TimeSpan.FromMinutes(30);

    /// <summary>Gets the idle time after which a cheap call keeps the session alive (default 5 min; zero disables).</summary>
    public TimeSpan KeepAliveInterval { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Gets how many times a transient failure is retried (default 3).</summary>
    public int MaxRetryAttempts { get; init; } = 3;

    /// <summary>Gets the first retry delay; later ones grow exponentially with jitter (default 1 s).</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Gets the longest single WaitForUpdatesEx wait (default 10 s).</summary>
    public TimeSpan UpdateWaitTime { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Gets the vim25 API version sent in SOAPAction; null uses the server's <c>about.apiVersion</c>.</summary>
    public string? ApiVersion { get; init; }

    /// <summary>
    /// Gets the datacenter inventory path for datastore file URLs (<c>dcPath</c>); null means <c>ha-datacenter</c>
    /// on ESXi, required on vCenter.
    /// </summary>
    public string? DatacenterPath { get; init; }

    /// <summary>Gets the SOAP endpoint: <see cref="Url"/>, with <c>/sdk</c> appended when it has no path.</summary>
    public Uri SdkUrl => Url.AbsolutePath is "" or "/" ? new Uri(Url, "/sdk") : Url;

    /// <summary>Checks the options and names the first bad field.</summary>
    /// <exception cref="ArgumentException">A field is missing or malformed.</exception>
    public void Validate()
    {
        if (!Url.IsAbsoluteUri || (Url.Scheme != Uri.UriSchemeHttps && Url.Scheme != Uri.UriSchemeHttp))
        {
            throw new ArgumentException($"Url '{Url}' must be an absolute http(s) URL.", nameof(Url));
        }

        if (string.IsNullOrEmpty(Username))
        {
            throw new ArgumentException("Username must not be empty.", nameof(Username));
        }

        if (Thumbprint is not null && !Tls.CertificateThumbprint.IsValidSha256(Thumbprint))
        {
            throw new ArgumentException("Thumbprint must be a SHA-256 fingerprint: 64 hex digits, colons optional.", nameof(Thumbprint));
        }

        if (Timeout <= TimeSpan.Zero || TaskTimeout <= TimeSpan.Zero || UpdateWaitTime < TimeSpan.FromSeconds(1))
        {
            throw new ArgumentException("Timeout and TaskTimeout must be positive, UpdateWaitTime at least 1 s.", nameof(Timeout));
        }

        if (MaxRetryAttempts < 0 || RetryDelay < TimeSpan.Zero)
        {
            throw new ArgumentException("MaxRetryAttempts and RetryDelay must not be negative.", nameof(MaxRetryAttempts));
        }
    }

    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("Url = ").Append(Url)
            .Append(", Username = ").Append(Username)
            .Append(", Password = ***")
            .Append(", Thumbprint = ").Append(Thumbprint)
            .Append(", CaBundlePem = ").Append(CaBundlePem is null ? "null" : "(set)")
            .Append(", InsecureSkipVerify = ").Append(InsecureSkipVerify)
            .Append(", Timeout = ").Append(Timeout);
        return true;
    }
}
