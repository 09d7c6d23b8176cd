using SnapshotHa.Kube.Tests.TestKit;

namespace SnapshotHa.Kube.Tests.Reconciliation;

[Collection(SandboxCollection.Name)]
public sealed class FinalizerIntegrationTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Deletion_runs_the_finalizer_removes_it_and_the_entity_goes_away()
    {
        await using var sandbox = await ApiSandbox.StartAsync();
        await using var op = await OperatorInstance.StartAsync(sandbox, withFinalizer: true);
        await sandbox.CreateAsync("a", "v1");

        await op.Recorder.WaitUntilAsync(() => op.Recorder.LastReconciledValue.ContainsKey("default/a"), Timeout, "a is reconciled");
        var attached = await sandbox.Client.GetAsync<V1TestEntity>("a", "default");
        attached!.Metadata.Finalizers.Should().Contain(RecordingFinalizer.Identifier, "registered finalizers are attached before reconciling");

        await sandbox.DeleteAsync("a");

        await op.Recorder.WaitUntilAsync(() => op.Recorder.Deleted.ContainsKey("default/a"), Timeout, "the entity is finalized, removed and reported deleted");
        op.Recorder.Finalized.GetValueOrDefault("default/a").Should().BeGreaterThanOrEqualTo(1);
        (await sandbox.Client.GetAsync<V1TestEntity>("a", "default")).Should().BeNull("the server removes the entity once our finalizer is gone");
        op.Recorder.Deleted["default/a"].Should().Be("v1");
    }

    [Fact]
    public async Task Foreign_finalizer_keeps_the_entity_after_ours_ran()
    {
        await using var sandbox = await ApiSandbox.StartAsync();
        await using var op = await OperatorInstance.StartAsync(sandbox, withFinalizer: true);
        var entity = V1TestEntity.Create("default", "a", "v1");
        entity.Metadata.Finalizers = ["example.com/other"];
        await sandbox.Client.CreateAsync(entity);
        await op.Recorder.WaitUntilAsync(() => op.Recorder.LastReconciledValue.ContainsKey("default/a"), Timeout, "a is reconciled");

        await sandbox.DeleteAsync("a");

        await op.Recorder.WaitUntilAsync(() => op.Recorder.Finalized.ContainsKey("default/a"), Timeout, "our finalizer runs");
        await op.Recorder.WaitUntilAsync(
            () => sandbox.Client.GetAsync<V1TestEntity>("a", "default").GetAwaiter().GetResult()?.Metadata.Finalizers is ["example.com/other"],
            Timeout,
            "only our finalizer is removed");
        op.Recorder.Deleted.Should().NotContainKey("default/a");
    }
}
