using k8s;
using k8s.Models;
using Microsoft.Extensions.Time.Testing;
using SnapshotHa.Sandbox.ApiServer;
using SnapshotHa.Sandbox.Tests.Support;

namespace SnapshotHa.Sandbox.Tests.ApiServer;

public sealed class WatchTests
{
    [Fact]
    public async Task Watch_without_resourceVersion_replays_state_then_streams_changes_in_order()
    {
        await using var scope = await ServerScope.StartAsync();
        await scope.Widgets.CreateAsync(Widget.Named("existing"));
        using var watch = new WatchRecorder(scope.Client, resourceVersion: null);

        (await watch.NextChangeAsync()).Should().Match<(WatchEventType Type, Widget Widget)>(e => e.Type == WatchEventType.Added && e.Widget.Metadata.Name == "existing");
        var created = await scope.Widgets.CreateAsync(Widget.Named("fresh"));
        created.Spec.Size = 2;
        var updated = await scope.Widgets.ReplaceAsync(created);
        await scope.Widgets.DeleteAsync("fresh");

        var added = await watch.NextChangeAsync();
        var modified = await watch.NextChangeAsync();
        var deleted = await watch.NextChangeAsync();
        added.Type.Should().Be(WatchEventType.Added);
        modified.Type.Should().Be(WatchEventType.Modified);
        modified.Widget.Metadata.ResourceVersion.Should().Be(updated.Metadata.ResourceVersion);
        deleted.Type.Should().Be(WatchEventType.Deleted);
        deleted.Widget.Metadata.Name.Should().Be("fresh");
    }

    [Fact]
    public async Task Watch_from_a_resourceVersion_replays_only_later_events()
    {
        await using var scope = await ServerScope.StartAsync();
        var first = await scope.Widgets.CreateAsync(Widget.Named("first"));
        await scope.Widgets.CreateAsync(Widget.Named("second"));

        using var watch = new WatchRecorder(scope.Client, first.Metadata.ResourceVersion);

        var replayed = await watch.NextChangeAsync();
        replayed.Type.Should().Be(WatchEventType.Added);
        replayed.Widget.Metadata.Name.Should().Be("second");
    }

    [Fact]
    public async Task Watch_with_bookmarks_gets_one_right_away_and_more_as_time_passes()
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        await using var scope = await ServerScope.StartAsync(new KubeApiServerOptions { TimeProvider = time, BookmarkInterval = TimeSpan.FromSeconds(5) });
        var created = await scope.Widgets.CreateAsync(Widget.Named("alpha"));
        using var watch = new WatchRecorder(scope.Client, created.Metadata.ResourceVersion);

        var first = await watch.NextAsync();
        first.Type.Should().Be(WatchEventType.Bookmark);
        first.Widget.Metadata.ResourceVersion.Should().Be(created.Metadata.ResourceVersion);

        var updated = await scope.Widgets.PatchAsync("alpha", new { spec = new { size = 4 } });
        (await watch.NextAsync()).Type.Should().Be(WatchEventType.Modified);
        time.Advance(TimeSpan.FromSeconds(5));
        var second = await watch.NextAsync();
        second.Type.Should().Be(WatchEventType.Bookmark);
        second.Widget.Metadata.ResourceVersion.Should().Be(updated.Metadata.ResourceVersion);
    }

    [Fact]
    public async Task Watch_from_a_compacted_resourceVersion_gets_an_ERROR_event_with_410_Expired()
    {
        await using var scope = await ServerScope.StartAsync();
        var created = await scope.Widgets.CreateAsync(Widget.Named("alpha"));
        await scope.Widgets.PatchAsync("alpha", new { spec = new { size = 4 } });
        scope.Server.CompactHistory();

        using var watch = new WatchRecorder(scope.Client, created.Metadata.ResourceVersion);

        var error = await watch.Error;
        var status = error.Should().BeOfType<KubernetesException>().Which.Status;
        status.Code.Should().Be(410);
        status.Reason.Should().Be("Expired");
        status.Status.Should().Be("Failure");
    }

    [Fact]
    public async Task Watch_beyond_the_bounded_history_gets_410_and_within_it_resumes()
    {
        await using var scope = await ServerScope.StartAsync(new KubeApiServerOptions { HistoryLimit = 3 });
        var created = await scope.Widgets.CreateAsync(Widget.Named("alpha"));
        string? recent = null;
        for (var size = 2; size < 8; size++)
        {
            recent = (await scope.Widgets.PatchAsync("alpha", new { spec = new { size } })).Metadata.ResourceVersion;
        }

        using var old = new WatchRecorder(scope.Client, created.Metadata.ResourceVersion);
        using var fresh = new WatchRecorder(scope.Client, (long.Parse(recent!, System.Globalization.CultureInfo.InvariantCulture) - 1).ToString(System.Globalization.CultureInfo.InvariantCulture));

        ((KubernetesException)await old.Error).Status.Code.Should().Be(410);
        (await fresh.NextChangeAsync()).Widget.Metadata.ResourceVersion.Should().Be(recent);
    }

    [Fact]
    public async Task DropWatches_closes_open_streams()
    {
        await using var scope = await ServerScope.StartAsync();
        using var watch = new WatchRecorder(scope.Client, resourceVersion: null);
        (await watch.NextAsync()).Type.Should().Be(WatchEventType.Bookmark);

        scope.Server.DropWatches();

        await watch.Closed;
    }

    [Fact]
    public async Task TimeoutSeconds_ends_the_watch()
    {
        var time = new FakeTimeProvider();
        await using var scope = await ServerScope.StartAsync(new KubeApiServerOptions { TimeProvider = time });
        using var watch = new WatchRecorder(scope.Client, resourceVersion: null, timeoutSeconds: 30);
        (await watch.NextAsync()).Type.Should().Be(WatchEventType.Bookmark);

        time.Advance(TimeSpan.FromSeconds(31));

        await watch.Closed;
    }

    [Fact]
    public async Task Label_selected_watch_sees_only_matching_objects()
    {
        await using var scope = await ServerScope.StartAsync();
        var response = scope.Client.CustomObjects.ListNamespacedCustomObjectWithHttpMessagesAsync(
            TestCrds.Group, TestCrds.Version, "default", TestCrds.Plural, labelSelector: "tier=web", watch: true);
        var seen = System.Threading.Channels.Channel.CreateUnbounded<string>();
#pragma warning disable CS0618 // The response-task watcher is what controllers on KubernetesClient 21 use.
        using var watcher = response.Watch<Widget, object>((_, widget) => seen.Writer.TryWrite(widget.Metadata.Name));
#pragma warning restore CS0618
        var other = Widget.Named("db");
        other.Metadata.Labels = new Dictionary<string, string> { ["tier"] = "db" };
        await scope.Widgets.CreateAsync(other);
        var web = Widget.Named("web");
        web.Metadata.Labels = new Dictionary<string, string> { ["tier"] = "web" };
        await scope.Widgets.CreateAsync(web);

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        (await seen.Reader.ReadAsync(timeout.Token)).Should().Be("web");
    }

    [Fact]
    public async Task Namespaced_watch_sees_only_its_namespace()
    {
        await using var scope = await ServerScope.StartAsync();
        using var watch = new WatchRecorder(scope.Client, resourceVersion: null, bookmarks: false);
        await new WidgetApi(scope.Client, "other").CreateAsync(Widget.Named("elsewhere", ns: "other"));
        await scope.Widgets.CreateAsync(Widget.Named("here"));

        (await watch.NextChangeAsync()).Widget.Metadata.Name.Should().Be("here");
    }
}
