using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using SnapshotHa.Vim.Tls;

namespace SnapshotHa.Vim.Tests.Unit;

public sealed class ConnectionOptionsTests
{
    private static readonly VimConnectionOptions Valid = new()
    {
        Url = new Uri("https://esx1.example.com"),
        Username = "root",
        Password = "s3cr3t-pass",
    };

    [Fact]
    public void ToString_never_shows_the_password()
    {
        var text = Valid.ToString();

        text.Should().Contain("root").And.NotContain("s3cr3t-pass");
    }

    [Fact]
    public void Bare_host_url_gets_the_sdk_path()
    {
        Valid.SdkUrl.AbsoluteUri.Should().Be("https://esx1.example.com/sdk");
        (Valid with { Url = new Uri("https://vc.example.com/sdk") }).SdkUrl.AbsolutePath.Should().Be("/sdk");
    }

    [Theory]
    [InlineData("ftp://esx1/sdk", null, nameof(VimConnectionOptions.Url))]
    [InlineData("https://esx1/sdk", "AB:CD", nameof(VimConnectionOptions.Thumbprint))]
    public void Validate_names_the_bad_field(string url, string? thumbprint, string field)
    {
        var act = () => (Valid with { Url = new Uri(url), Thumbprint = thumbprint }).Validate();

        act.Should().Throw<ArgumentException>().Which.ParamName.Should().Be(field);
    }

    [Fact]
    public void Empty_user_name_is_rejected()
    {
        var act = () => (Valid with { Username = "" }).Validate();

        act.Should().Throw<ArgumentException>().Which.ParamName.Should().Be(nameof(VimConnectionOptions.Username));
    }

    [Fact]
    public async Task Malformed_ca_bundle_is_rejected_before_connecting()
    {
        var act = () => VimClient.ConnectAsync(Valid with { CaBundlePem = "not a certificate" }, null, null, CancellationToken.None);

        await act.Should().ThrowAsync<ArgumentException>().WithMessage("*CaBundlePem*");
    }

    [Fact]
    public void Thumbprint_is_the_sha256_of_the_certificate_in_any_notation()
    {
        using var key = RSA.Create(2048);
        using var certificate = new CertificateRequest("CN=esx1", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)
            .CreateSelfSigned(DateTimeOffset.UnixEpoch.AddYears(40), DateTimeOffset.UnixEpoch.AddYears(60));
        var expected = Convert.ToHexString(SHA256.HashData(certificate.RawData));
        var colons = string.Join(":", Enumerable.Range(0, 32).Select(i => expected.Substring(i * 2, 2).ToLowerInvariant()));

        CertificateThumbprint.Compute(certificate).Should().Be(expected);
        CertificateThumbprint.Normalize(colons).Should().Be(expected);
        CertificateThumbprint.IsValidSha256(colons).Should().BeTrue();
        CertificateThumbprint.IsValidSha256(expected[..40]).Should().BeFalse();
    }
}
