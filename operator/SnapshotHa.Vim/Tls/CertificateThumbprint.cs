using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace SnapshotHa.Vim.Tls;

/// <summary>SHA-256 certificate fingerprints as vSphere shows them (<c>AB:CD:…</c>) or as plain hex.</summary>
public static class CertificateThumbprint
{
    /// <summary>Computes the SHA-256 fingerprint of a certificate as upper-case hex without separators.</summary>
    public static string Compute(X509Certificate certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        return Convert.ToHexString(SHA256.HashData(certificate.GetRawCertData()));
    }

    /// <summary>Normalises a fingerprint: removes colons, spaces and dashes, upper-cases.</summary>
    public static string Normalize(string thumbprint)
    {
        ArgumentNullException.ThrowIfNull(thumbprint);
        return string.Concat(thumbprint.Where(c => c is not (':' or ' ' or '-'))).ToUpperInvariant();
    }

    /// <summary>Gets whether the text is a SHA-256 fingerprint (64 hex digits after normalisation).</summary>
    public static bool IsValidSha256(string thumbprint)
    {
        var normalized = Normalize(thumbprint);
        return normalized.Length == 64 && normalized.All(Uri.IsHexDigit);
    }
}
