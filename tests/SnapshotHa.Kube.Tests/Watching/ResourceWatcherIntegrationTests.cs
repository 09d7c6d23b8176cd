using SnapshotHa.Kube.Tests.TestKit;

namespace SnapshotHa.Kube.Tests.Watching;

[Collection(SandboxCollection.Name)]
public sealed class ResourceWatcherIntegrationTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);
    private const string WatchPath = $"/apis/{V1TestEntity.Group}/{V1TestEntity.Version}/{V1TestEntity.Plural}";

    [Fact]
    public async Task Dropped_watch_resumes_from_the_last_resourceVersion_without_relisting()
    {
        await using var sandbox = await ApiSandbox.StartAsync();
        await using var op = await OperatorInstance.StartAsync(sandbox);
        await op.WaitUntilListedAsync(Timeout);
        await sandbox.CreateAsync("a", "v1");
        await op.Recorder.WaitUntilAsync(() => op.Recorder.LastReconciledValue.GetValueOrDefault("default/a") == "v1", Timeout, "a is reconciled");
        var listsBefore = op.Requests.Lists;
        var watchesBefore = op.Requests.Watches;

        sandbox.Server.DropWatches();
        await sandbox.SetValueAsync("a", "v2");
        await sandbox.CreateAsync("b", "v1");

        await op.Recorder.WaitUntilAsync(
            () => op.Recorder.LastReconciledValue.GetValueOrDefault("default/a") == "v2"
                && op.Recorder.LastReconciledValue.GetValueOrDefault("default/b") == "v1",
            Timeout,
            "changes made around the disconnect reach the controller");
        op.Requests.Watches.Should().BeGreaterThan(watchesBefore, "the watch was re-opened");
        op.Requests.Lists.Should().Be(listsBefore, "a dropped watch resumes from its resourceVersion instead of relisting");
        (await op.MetricAsync("snapshotha_watch_restarts_total", "reason=\"gone\"")).Should().Be(0);
        (await op.MetricAsync("snapshotha_watch_restarts_total", "kind=\"TestEntity\"")).Should().BeGreaterThanOrEqualTo(1);
    }

    [Fact]
    public async Task Expired_resourceVersion_relists_and_synthesises_deletions_missed_while_disconnected()
    {
        await using var sandbox = await ApiSandbox.StartAsync();
        await using var op = await OperatorInstance.StartAsync(sandbox);
        await op.WaitUntilListedAsync(Timeout);
        await sandbox.CreateAsync("keep", "v1");
        await sandbox.CreateAsync("gone", "last");
        await op.Recorder.WaitUntilAsync(() => op.Recorder.LastReconciledValue.Count == 2, Timeout, "both entities are reconciled");
        var listsBefore = op.Requests.Lists;

        // Keep the watcher away (its reconnects fail and back off) while the world changes and history is compacted.
        sandbox.Server.FailNext("GET", WatchPath, 503, times: 5);
        sandbox.Server.DropWatches();
        await sandbox.SetValueAsync("keep", "v2");
        await sandbox.DeleteAsync("gone");
        await sandbox.CreateAsync("new", "v1");
        sandbox.Server.CompactHistory();

        await op.Recorder.WaitUntilAsync(
            () => op.Recorder.Deleted.ContainsKey("default/gone")
                && op.Recorder.LastReconciledValue.GetValueOrDefault("default/keep") == "v2"
                && op.Recorder.LastReconciledValue.ContainsKey("default/new"),
            Timeout,
            "the relist brings every missed change, including the deletion");
        op.Recorder.Deleted["default/gone"].Should().Be("last", "DeletedAsync gets the last-seen state");
        op.Requests.Lists.Should().BeGreaterThan(listsBefore, "410 Gone forces a relist");
        (await op.MetricAsync("snapshotha_watch_restarts_total", "reason=\"gone\"")).Should().BeGreaterThanOrEqualTo(1);
    }
}
