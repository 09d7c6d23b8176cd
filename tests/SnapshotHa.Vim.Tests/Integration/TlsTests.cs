using Microsoft.Extensions.Logging;
using SnapshotHa.Vim.Tests.Simulator;

namespace SnapshotHa.Vim.Tests.Integration;

/// <summary>A launcher serving HTTPS with its generated self-signed certificate.</summary>
public sealed class TlsVcsimFixture() : VcsimFixture("--disk-size", "1MiB", "--tls");

public sealed class TlsTests(TlsVcsimFixture sim) : IClassFixture<TlsVcsimFixture>
{
    [Fact]
    public async Task Pinned_thumbprint_connects()
    {
        sim.Launcher.Ready.SdkUrl.Should().StartWith("https://");

        await using var client = await VimClient.ConnectAsync(sim.Launcher.Options(), null, null, CancellationToken.None);

        (await client.GetCurrentTimeAsync(CancellationToken.None)).Year.Should().BeGreaterThan(2000);
    }

    [Fact]
    public async Task Thumbprint_mismatch_refuses_to_connect()
    {
        var wrong = string.Join(":", Enumerable.Repeat("AB", 32));
        var logs = new RecordingLoggerFactory();

        var act = () => VimClient.ConnectAsync(sim.Launcher.Options() with { Thumbprint = wrong }, logs, null, CancellationToken.None);

        await act.Should().ThrowAsync<HttpRequestException>();
        logs.Entries.Should().Contain(e => e.Level == LogLevel.Error && e.Message.Contains("not the pinned one"));
    }

    [Fact]
    public async Task Untrusted_certificate_is_refused_by_default()
    {
        var act = () => VimClient.ConnectAsync(sim.Launcher.Options() with { Thumbprint = null }, null, null, CancellationToken.None);

        await act.Should().ThrowAsync<HttpRequestException>();
    }

    [Fact]
    public async Task Insecure_option_connects_and_warns_on_every_connection()
    {
        var logs = new RecordingLoggerFactory();

        await using (var client = await VimClient.ConnectAsync(
            sim.Launcher.Options() with { Thumbprint = null, InsecureSkipVerify = true }, logs, null, CancellationToken.None))
        {
            await client.GetCurrentTimeAsync(CancellationToken.None);
        }

        logs.Entries.Should().Contain(e => e.Level == LogLevel.Warning && e.Message.Contains("without verifying its TLS certificate"));
        logs.Entries.Should().NotContain(e => e.Message.Contains(sim.Launcher.Ready.Password));
    }

    [Fact]
    public async Task Ca_bundle_accepts_a_certificate_it_signed_and_refuses_another_ca()
    {
        var dir = Directory.CreateTempSubdirectory("snapshotha-tls-").FullName;
        try
        {
            var certificates = TestCertificates.Create(dir);
            await using var launcher = await VcsimLauncher.StartAsync("--disk-size", "1MiB", "--tls", "--tls-cert", certificates.CertFile, "--tls-key", certificates.KeyFile);
            var options = launcher.Options() with { Thumbprint = null, CaBundlePem = certificates.CaPem };

            await using (var client = await VimClient.ConnectAsync(options, null, null, CancellationToken.None))
            {
                client.CurrentSession.Should().NotBeNull();
            }

            var otherCa = options with { CaBundlePem = TestCertificates.CreateCaPem("Some other CA") };
            await FluentActions.Awaiting(() => VimClient.ConnectAsync(otherCa, null, null, CancellationToken.None))
                .Should().ThrowAsync<HttpRequestException>();
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
