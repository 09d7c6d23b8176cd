using System.Diagnostics;
using k8s;
using SnapshotHa.Sandbox.Tests.Support;
using Xunit.Abstractions;

namespace SnapshotHa.Sandbox.Tests.ApiServer;

/// <summary>Measures sequential write throughput and watch delivery through the real KubernetesClient (reports, no timed assertions).</summary>
public sealed class ThroughputMeasurement(ITestOutputHelper output)
{
    [Fact]
    [Trait("Category", "Long")]
    public async Task Sequential_creates_and_updates_are_all_delivered_to_a_watch()
    {
        const int count = 1000;
        await using var scope = await ServerScope.StartAsync();
        using var watch = new WatchRecorder(scope.Client, resourceVersion: null, bookmarks: false);

        var clock = Stopwatch.StartNew();
        for (var i = 0; i < count; i++)
        {
            await scope.Widgets.CreateAsync(Widget.Named($"w-{i}"));
        }

        var creates = clock.Elapsed;
        clock.Restart();
        for (var i = 0; i < count; i++)
        {
            await scope.Widgets.PatchAsync($"w-{i}", new { spec = new { size = 2 } });
        }

        var updates = clock.Elapsed;
        var modified = 0;
        while (modified < count)
        {
            if ((await watch.NextChangeAsync()).Type == WatchEventType.Modified)
            {
                modified++;
            }
        }

        output.WriteLine($"{count} creates: {creates.TotalMilliseconds / count:F2} ms each; {count} merge patches: {updates.TotalMilliseconds / count:F2} ms each");
        modified.Should().Be(count);
    }
}
