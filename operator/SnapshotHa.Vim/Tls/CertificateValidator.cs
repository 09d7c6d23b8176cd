using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Logging;

namespace SnapshotHa.Vim.Tls;

/// <summary>
/// Decides whether to trust a server certificate: a pinned SHA-256 fingerprint wins; else the chain must build to
/// the given CA bundle (host name checked); else the system trust store decides. Only the explicit insecure option
/// accepts anything, and then every TLS handshake logs a warning.
/// </summary>
internal sealed class CertificateValidator
{
    private readonly string? _pinnedThumbprint;
    private readonly X509Certificate2Collection? _caBundle;
    private readonly bool _insecure;
    private readonly string _endpoint;
    private readonly ILogger _logger;

    public CertificateValidator(VimConnectionOptions options, ILogger logger)
    {
        _pinnedThumbprint = options.Thumbprint is null ? null : CertificateThumbprint.Normalize(options.Thumbprint);
        _insecure = options.InsecureSkipVerify;
        _endpoint = options.SdkUrl.GetLeftPart(UriPartial.Authority);
        _logger = logger;
        if (options.CaBundlePem is not null)
        {
            _caBundle = [];
            try
            {
                _caBundle.ImportFromPem(options.CaBundlePem);
            }
            catch (CryptographicException e)
            {
                throw new ArgumentException($"CaBundlePem is not valid PEM: {e.Message}", nameof(options), e);
            }

            if (_caBundle.Count == 0)
            {
                throw new ArgumentException("CaBundlePem holds no certificate.", nameof(options));
            }
        }
    }

    /// <summary>The callback for <see cref="SslClientAuthenticationOptions.RemoteCertificateValidationCallback"/>.</summary>
    public bool Validate(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (_insecure)
        {
            Log.InsecureConnection(_logger, _endpoint);
            return true;
        }

        if (certificate is null)
        {
            Log.CertificateRejected(_logger, _endpoint, "no certificate");
            return false;
        }

        if (_pinnedThumbprint is not null)
        {
            var actual = CertificateThumbprint.Compute(certificate);
            if (actual == _pinnedThumbprint)
            {
                return true;
            }

            Log.CertificateRejected(_logger, _endpoint, $"SHA-256 fingerprint {actual} is not the pinned one");
            return false;
        }

        if (_caBundle is not null)
        {
            return ValidateAgainstBundle(certificate, errors);
        }

        if (errors != SslPolicyErrors.None)
        {
            Log.CertificateRejected(_logger, _endpoint, errors.ToString());
        }

        return errors == SslPolicyErrors.None;
    }

    private bool ValidateAgainstBundle(X509Certificate certificate, SslPolicyErrors errors)
    {
        if ((errors & SslPolicyErrors.RemoteCertificateNameMismatch) != 0)
        {
            Log.CertificateRejected(_logger, _endpoint, "host name mismatch");
            return false;
        }

        using var leaf = new X509Certificate2(certificate);
        using var customChain = new X509Chain();
        customChain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        customChain.ChainPolicy.CustomTrustStore.AddRange(_caBundle!);
        customChain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        if (customChain.Build(leaf))
        {
            return true;
        }

        var status = string.Join(", ", customChain.ChainStatus.Select(s => s.Status));
        Log.CertificateRejected(_logger, _endpoint, $"chain to the CA bundle failed: {status}");
        return false;
    }
}
