using k8s;
using k8s.Models;
using SnapshotHa.Sandbox.Tests.Support;

namespace SnapshotHa.Sandbox.Tests.ApiServer;

public sealed class DeletionTests
{
    [Fact]
    public async Task Delete_with_a_finalizer_marks_the_object_until_the_finalizer_is_removed()
    {
        await using var scope = await ServerScope.StartAsync();
        var widget = Widget.Named("alpha");
        widget.Metadata.Finalizers = ["test.snapshotha.io/cleanup"];
        await scope.Widgets.CreateAsync(widget);
        using var watch = new WatchRecorder(scope.Client, resourceVersion: null, bookmarks: false);
        (await watch.NextChangeAsync()).Type.Should().Be(WatchEventType.Added);

        var marked = await scope.Widgets.DeleteAsync("alpha");
        var stillThere = await scope.Widgets.GetAsync("alpha");

        marked.Metadata.DeletionTimestamp.Should().NotBeNull();
        stillThere.Metadata.DeletionTimestamp.Should().NotBeNull();
        (await watch.NextChangeAsync()).Type.Should().Be(WatchEventType.Modified);

        stillThere.Metadata.Finalizers = [];
        await scope.Widgets.ReplaceAsync(stillThere);

        var deleted = await watch.NextChangeAsync();
        deleted.Type.Should().Be(WatchEventType.Deleted);
        (await HttpErrors.CaptureAsync(() => scope.Widgets.GetAsync("alpha"))).Code.Should().Be(404);
    }

    [Fact]
    public async Task A_deleting_object_refuses_new_finalizers()
    {
        await using var scope = await ServerScope.StartAsync();
        var widget = Widget.Named("alpha");
        widget.Metadata.Finalizers = ["test.snapshotha.io/cleanup"];
        await scope.Widgets.CreateAsync(widget);
        var marked = await scope.Widgets.DeleteAsync("alpha");

        marked.Metadata.Finalizers.Add("test.snapshotha.io/another");
        var (code, status) = await HttpErrors.CaptureAsync(() => scope.Widgets.ReplaceAsync(marked));

        code.Should().Be(422);
        status.GetProperty("details").GetProperty("causes")[0].GetProperty("field").GetString().Should().Be("metadata.finalizers");
    }

    [Fact]
    public async Task Deleting_an_owner_deletes_its_dependents_in_the_background()
    {
        await using var scope = await ServerScope.StartAsync();
        var owner = await scope.Widgets.CreateAsync(Widget.Named("owner"));
        var dependent = Widget.Named("dependent");
        dependent.Metadata.OwnerReferences = [Reference(owner)];
        await scope.Widgets.CreateAsync(dependent);
        await scope.Client.CoreV1.CreateNamespacedConfigMapAsync(
            new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "owned-config", OwnerReferences = [Reference(owner)] } }, "default");
        using var watch = new WatchRecorder(scope.Client, owner.Metadata.ResourceVersion, bookmarks: false);
        (await watch.NextChangeAsync()).Widget.Metadata.Name.Should().Be("dependent");

        await scope.Widgets.DeleteAsync("owner");

        var events = new[] { await watch.NextChangeAsync(), await watch.NextChangeAsync() };
        events.Should().OnlyContain(e => e.Type == WatchEventType.Deleted);
        events.Select(e => e.Widget.Metadata.Name).Should().BeEquivalentTo("owner", "dependent");
        await WaitUntilGoneAsync(() => scope.Client.CoreV1.ReadNamespacedConfigMapAsync("owned-config", "default"));
    }

    [Fact]
    public async Task Orphan_deletion_keeps_dependents_and_strips_the_owner_reference()
    {
        await using var scope = await ServerScope.StartAsync();
        var owner = await scope.Widgets.CreateAsync(Widget.Named("owner"));
        var dependent = Widget.Named("dependent");
        dependent.Metadata.OwnerReferences = [Reference(owner)];
        var created = await scope.Widgets.CreateAsync(dependent);
        using var watch = new WatchRecorder(scope.Client, created.Metadata.ResourceVersion, bookmarks: false);

        await scope.Client.CustomObjects.DeleteNamespacedCustomObjectAsync<Widget>(
            TestCrds.Group, TestCrds.Version, "default", TestCrds.Plural, "owner", propagationPolicy: "Orphan");

        (await watch.NextChangeAsync()).Type.Should().Be(WatchEventType.Deleted);
        var modified = await watch.NextChangeAsync();
        modified.Type.Should().Be(WatchEventType.Modified);
        modified.Widget.Metadata.OwnerReferences.Should().BeNullOrEmpty();
    }

    [Fact]
    public async Task Deletecollection_deletes_the_selected_objects()
    {
        await using var scope = await ServerScope.StartAsync();
        foreach (var (name, tier) in new[] { ("a", "web"), ("b", "web"), ("c", "db") })
        {
            var widget = Widget.Named(name);
            widget.Metadata.Labels = new Dictionary<string, string> { ["tier"] = tier };
            await scope.Widgets.CreateAsync(widget);
        }

        await scope.Client.CustomObjects.DeleteCollectionNamespacedCustomObjectAsync(
            TestCrds.Group, TestCrds.Version, "default", TestCrds.Plural, labelSelector: "tier=web");

        (await scope.Widgets.ListAsync()).Select(w => w.Metadata.Name).Should().Equal("c");
    }

    private static V1OwnerReference Reference(Widget owner) =>
        new() { ApiVersion = owner.ApiVersion, Kind = owner.Kind, Name = owner.Metadata.Name, Uid = owner.Metadata.Uid, BlockOwnerDeletion = true, Controller = true };

    private static async Task WaitUntilGoneAsync(Func<Task> read)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (true)
        {
            try
            {
                await read();
            }
            catch (k8s.Autorest.HttpOperationException e) when (e.Response.StatusCode == System.Net.HttpStatusCode.NotFound)
            {
                return;
            }

            await Task.Delay(20, timeout.Token);
        }
    }
}
