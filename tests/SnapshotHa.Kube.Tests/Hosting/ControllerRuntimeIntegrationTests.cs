using Microsoft.Extensions.DependencyInjection;
using SnapshotHa.Kube.Controller;
using SnapshotHa.Kube.Reconciliation;
using SnapshotHa.Kube.Tests.TestKit;

namespace SnapshotHa.Kube.Tests.Hosting;

[Collection(SandboxCollection.Name)]
public sealed class ControllerRuntimeIntegrationTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task RequeueAfter_reconciles_again_without_a_write()
    {
        await using var sandbox = await ApiSandbox.StartAsync();
        await using var op = await OperatorInstance.StartAsync(sandbox);
        op.Recorder.Result = (e, pass) => pass < 3
            ? ReconciliationResult<V1TestEntity>.Success(e, TimeSpan.FromMilliseconds(50))
            : null;

        await sandbox.CreateAsync("a");

        await op.Recorder.WaitUntilAsync(() => op.Recorder.Passes.GetValueOrDefault("default/a") >= 3, Timeout, "requeued passes run");
        (await op.MetricAsync("snapshotha_controller_reconcile_total", "result=\"requeue_after\"")).Should().BeGreaterThanOrEqualTo(2);
    }

    [Fact]
    public async Task An_entity_requeued_from_outside_the_controller_is_reconciled_again()
    {
        await using var sandbox = await ApiSandbox.StartAsync();
        await using var op = await OperatorInstance.StartAsync(sandbox);
        await sandbox.CreateAsync("a");
        await op.Recorder.WaitUntilAsync(() => op.Recorder.Passes.GetValueOrDefault("default/a") >= 1, Timeout, "the creation is reconciled");
        await op.Recorder.WaitUntilAsync(() => op.Controller.PendingCount == 0, Timeout, "the controller is idle");
        var passes = op.Recorder.Passes["default/a"];

        op.Host.Services.GetRequiredService<EntityRequeuer<V1TestEntity>>().Requeue("default", "a").Should().BeTrue();
        await op.Recorder.WaitUntilAsync(() => op.Recorder.Passes["default/a"] == passes + 1, Timeout, "the requeuer's request is reconciled");

        var entity = new V1TestEntity { Metadata = new() { Name = "a", NamespaceProperty = "default" } };
        op.Host.Services.GetRequiredService<EntityRequeue<V1TestEntity>>()(entity, TimeSpan.FromMilliseconds(50));
        await op.Recorder.WaitUntilAsync(() => op.Recorder.Passes["default/a"] == passes + 2, Timeout, "the delegate's request is reconciled");

        await op.StopAsync();
        op.Host.Services.GetRequiredService<EntityRequeuer<V1TestEntity>>().Requeue("default", "a").Should().BeFalse("a stopped controller takes no requests");
    }

    [Fact]
    public async Task Failures_and_exceptions_are_retried_with_back_off_until_success()
    {
        await using var sandbox = await ApiSandbox.StartAsync();
        await using var op = await OperatorInstance.StartAsync(sandbox);
        op.Recorder.Result = (e, pass) => pass switch
        {
            1 => ReconciliationResult<V1TestEntity>.Failure(e, "vCenter unreachable"),
            2 => throw new InvalidOperationException("boom"),
            _ => null,
        };

        await sandbox.CreateAsync("a");

        await op.Recorder.WaitUntilAsync(() => op.Recorder.Passes.GetValueOrDefault("default/a") >= 3, Timeout, "failed passes are retried");
        (await op.MetricAsync("snapshotha_controller_reconcile_errors_total")).Should().Be(2);
        (await op.MetricAsync("snapshotha_workqueue_retries_total")).Should().Be(2);
        await op.Recorder.WaitUntilAsync(() => op.Controller.PendingCount == 0, Timeout, "success ends the retries");
    }

    [Fact]
    public async Task Namespaced_operator_watches_only_its_namespace()
    {
        await using var sandbox = await ApiSandbox.StartAsync();
        await using var op = await OperatorInstance.StartAsync(sandbox, s => s.Namespace = "kube-public");
        await op.WaitUntilListedAsync(Timeout);

        await sandbox.CreateAsync("outside", ns: "default");
        await sandbox.CreateAsync("inside", ns: "kube-public");
        sandbox.Server.DropWatches();
        await sandbox.SetValueAsync("inside", "v2", ns: "kube-public");

        await op.Recorder.WaitUntilAsync(
            () => op.Recorder.LastReconciledValue.GetValueOrDefault("kube-public/inside") == "v2", Timeout, "its namespace is watched");
        op.Recorder.LastReconciledValue.Should().NotContainKey("default/outside");
    }
}
