using SnapshotHa.Sandbox.Tests.Support;

namespace SnapshotHa.Sandbox.Tests.ApiServer;

/// <summary>The server counts every request by verb and resource (the scale benchmark's API calls per VM).</summary>
public sealed class RequestCountTests
{
    [Fact]
    public async Task Creates_gets_lists_and_status_writes_are_counted_by_verb_and_resource()
    {
        await using var scope = await ServerScope.StartAsync();
        var before = scope.Server.RequestCounts();
        var created = await scope.Widgets.CreateAsync(Widget.Named("alpha"));
        await scope.Widgets.CreateAsync(Widget.Named("beta"));
        await scope.Widgets.GetAsync("alpha");
        await scope.Widgets.ListAsync();
        await scope.Widgets.ReplaceStatusAsync(created);

        var after = scope.Server.RequestCounts();
        long Delta(string key) => after.GetValueOrDefault(key) - before.GetValueOrDefault(key);
        Delta("POST widgets").Should().Be(2);
        Delta("GET widgets").Should().Be(1);
        Delta("LIST widgets").Should().Be(1);
        Delta("PUT widgets/status").Should().Be(1);
    }
}
