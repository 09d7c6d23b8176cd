using Microsoft.Extensions.Time.Testing;

namespace SnapshotHa.Vim.Tests.Unit;

public sealed class KeepAliveTests
{
    [Fact]
    public async Task Idle_session_is_kept_alive_with_CurrentTime()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UnixEpoch.AddYears(56));
        var handler = new FakeVimHandler([]);
        var options = new VimConnectionOptions
        {
            Url = new Uri("http://esx.test/sdk"),
            Username = "root",
            Password = "pw",
            KeepAliveInterval = TimeSpan.FromMinutes(4),
        };
        await using var client = await VimClient.ConnectAsync(options, handler, null, time, CancellationToken.None);
        var keptAlive = handler.Seen("CurrentTime");

        for (var step = 0; step < 200 && !keptAlive.IsCompleted; step++)
        {
            time.Advance(TimeSpan.FromMinutes(1));
            await Task.WhenAny(keptAlive, Task.Delay(20));
        }

        keptAlive.IsCompleted.Should().BeTrue();
        handler.Requests.Count(r => r.What == "Login").Should().Be(1);
    }
}
