using SnapshotHa.Kube.Tests.TestKit;

namespace SnapshotHa.Kube.Tests.Hosting;

[Collection(SandboxCollection.Name)]
public sealed class BurstIntegrationTests
{
    private const int Entities = 1_000;
    private const int Bursts = 3;

    [Fact]
    public async Task Thousand_entities_updated_in_bursts_are_each_reconciled_after_their_last_write_never_concurrently()
    {
        await using var sandbox = await ApiSandbox.StartAsync();
        await using var op = await OperatorInstance.StartAsync(sandbox, s => s.MaxConcurrentReconciles = 4);
        var names = Enumerable.Range(0, Entities).Select(i => $"e{i:D4}").ToArray();

        await ForEachAsync(names, name => sandbox.CreateAsync(name, "v0"));
        for (var burst = 1; burst <= Bursts; burst++)
        {
            var value = $"v{burst}";
            await ForEachAsync(names, name => sandbox.SetValueAsync(name, value));
        }

        var final = $"v{Bursts}";
        await op.Recorder.WaitUntilAsync(
            () => op.Recorder.LastReconciledValue.Count == Entities
                && op.Recorder.LastReconciledValue.Values.All(v => v == final)
                && op.Controller.PendingCount == 0,
            TimeSpan.FromSeconds(90),
            "every entity is reconciled after its last write and the queue drains");
        op.Recorder.Overlaps.Should().Be(0, "one key is never reconciled by two workers at once");
        op.Recorder.Reconciles.Should().BeGreaterThanOrEqualTo(Entities);
        (await op.MetricAsync("snapshotha_workqueue_depth", "name=\"testentity\"")).Should().Be(0);
        (await op.MetricAsync("snapshotha_controller_reconcile_total", "result=\"success\"")).Should().Be(op.Recorder.Reconciles);
    }

    private static async Task ForEachAsync(IEnumerable<string> names, Func<string, Task> write) =>
        await Parallel.ForEachAsync(names, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (name, _) => await write(name));
}
