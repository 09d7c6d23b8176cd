using System.Security.Cryptography;
using SnapshotHa.Vim.Datastores;

namespace SnapshotHa.Vim.Tests.Unit;

public sealed class TransferFallbackTests
{
    private static readonly VimConnectionOptions Options = new()
    {
        Url = new Uri("http://esx.test/sdk"),
        Username = "root",
        Password = "pw",
        KeepAliveInterval = TimeSpan.Zero,
    };

    [Fact]
    public async Task Download_falls_back_to_skipping_when_the_server_ignores_Range()
    {
        var file = RandomNumberGenerator.GetBytes(200_000);
        var handler = new FakeVimHandler(file);
        await using var client = await VimClient.ConnectAsync(Options, handler, null, null, CancellationToken.None);

        using var tail = new MemoryStream();
        await client.Datastores.DownloadAsync(DatastorePath.Parse("[ds] vm/vm-flat.vmdk"), tail, 150_000, null, CancellationToken.None);
        await using var source = await client.Datastores.OpenReadAsync(DatastorePath.Parse("[ds] vm/vm-flat.vmdk"), CancellationToken.None);
        var buffer = new byte[1000];
        var read = await source.ReadAsync(99_500, buffer, CancellationToken.None);

        tail.ToArray().Should().Equal(file[150_000..]);
        read.Should().Be(1000);
        buffer.Should().Equal(file[99_500..100_500]);
    }

    [Fact]
    public async Task Session_cookie_from_login_is_echoed_verbatim_on_soap_and_datastore_requests()
    {
        var handler = new FakeVimHandler(new byte[10]);
        await using var client = await VimClient.ConnectAsync(Options, handler, null, null, CancellationToken.None);

        await client.GetCurrentTimeAsync(CancellationToken.None);
        await client.Datastores.GetLengthAsync(DatastorePath.Parse("[ds] vm/file"), CancellationToken.None);

        var requests = handler.Requests.ToArray();
        requests.Single(r => r.What == "Login").Cookie.Should().BeNull();
        requests.Single(r => r.What == "CurrentTime").Cookie.Should().Be(handler.SessionCookie);
        requests.Single(r => r.What.StartsWith("HEAD", StringComparison.Ordinal)).Cookie.Should().Be(handler.SessionCookie);
        handler.SoapActions.Should().OnlyContain(a => a == "\"urn:vim25/6.5\"", "the server's about.apiVersion is 6.5");
    }
}
