using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace SnapshotHa.Vim.Tests.Simulator;

/// <summary>A throwaway CA and a server certificate for 127.0.0.1 signed by it, as PEM files.</summary>
public sealed class TestCertificates
{
    private TestCertificates(string caPem, string certFile, string keyFile)
    {
        CaPem = caPem;
        CertFile = certFile;
        KeyFile = keyFile;
    }

    public string CaPem { get; }

    public string CertFile { get; }

    public string KeyFile { get; }

    public static string CreateCaPem(string name) => CreateCa(name).ExportCertificatePem();

    public static TestCertificates Create(string directory)
    {
        using var ca = CreateCa("SnapshotHA test CA");
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var san = new SubjectAlternativeNameBuilder();
        san.AddIpAddress(IPAddress.Loopback);
        san.AddDnsName("localhost");
        request.CertificateExtensions.Add(san.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        using var leaf = request.Create(ca, DateTimeOffset.UnixEpoch.AddYears(40), DateTimeOffset.UnixEpoch.AddYears(80), [1, 2, 3, 4]);
        var certFile = Path.Combine(directory, "server.crt");
        var keyFile = Path.Combine(directory, "server.key");
        File.WriteAllText(certFile, leaf.ExportCertificatePem());
        File.WriteAllText(keyFile, key.ExportPkcs8PrivateKeyPem());
        return new TestCertificates(ca.ExportCertificatePem(), certFile, keyFile);
    }

    private static X509Certificate2 CreateCa(string name)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign, true));
        return request.CreateSelfSigned(DateTimeOffset.UnixEpoch.AddYears(40), DateTimeOffset.UnixEpoch.AddYears(80));
    }
}
