using SnapshotHa.Kube.Entities.Attributes;

namespace SnapshotHa.Api.Endpoints;

/// <summary>How the vSphere server certificate is verified.</summary>
[Description("How the vSphere server certificate is verified.")]
[ValidationRule("(has(self.caBundle) ? 1 : 0) + (has(self.thumbprint) ? 1 : 0) + (has(self.insecureSkipVerify) && self.insecureSkipVerify ? 1 : 0) == 1",
    Message = "exactly one of caBundle, thumbprint or insecureSkipVerify: true must be set")]
public sealed record EndpointTls
{
    /// <summary>PEM CA certificates.</summary>
    [Length(MaxLength = 65536)]
    [Pattern("-----BEGIN CERTIFICATE-----")]
    [Description("PEM-encoded CA certificates that sign the server certificate (for example the VMCA root of vCenter).")]
    public string? CaBundle { get; set; }

    /// <summary>The pinned SHA-256 thumbprint.</summary>
    [Pattern(Common.Patterns.Sha256Thumbprint)]
    [Description("Pinned SHA-256 thumbprint of the server certificate as 32 colon-separated hex pairs (AB:CD:...); the connection is refused when the certificate changes.")]
    public string? Thumbprint { get; set; }

    /// <summary>Skips verification.</summary>
    [Description("Skips certificate verification. Only for laboratories: the operator warns on every connection and sets the Connected condition's reason to InsecureConnection.")]
    public bool? InsecureSkipVerify { get; set; }

    /// <summary>The TLS server name.</summary>
    [Length(MaxLength = 253)]
    [Description("Server name to verify and send in SNI when the URL uses an IP address or an alias; defaults to the URL's host.")]
    public string? ServerName { get; set; }
}
