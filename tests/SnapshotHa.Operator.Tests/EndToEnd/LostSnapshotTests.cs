using System.Collections.Concurrent;
using SnapshotHa.Api.Images;
using SnapshotHa.Api.Protection;
using SnapshotHa.Kube.Status;
using SnapshotHa.Operator.Controllers.Protection;
using SnapshotHa.Operator.Merging;
using k8s;
using Microsoft.Extensions.DependencyInjection;
using SnapshotHa.Vim;

namespace SnapshotHa.Operator.Tests.EndToEnd;

/// <summary>
/// Our snapshot deleted from the VM while its cycle ships and merges: the cycle restarts with a new snapshot under
/// the same names, reports SnapshotLost, and leaves no duplicate, failed or stale image behind.
/// </summary>
public sealed class LostSnapshotTests
{
    [Fact]
    public async Task Snapshot_deleted_mid_cycle_restarts_the_cycle_with_a_new_snapshot()
    {
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        var (sandbox, data) = await SandboxFixture.StartAsync(vms: 1, TimeSpan.FromSeconds(1), keepLast: 100, cancellation.Token);
        await using var environment = sandbox;
        var expected = SandboxFixture.RecordSnapshots(environment);
        await using var vim = await SandboxFixture.ConnectAsync(environment, cancellation.Token);
        var vm = new ManagedObjectReference("VirtualMachine", environment.Simulator.Ready.Vms.Single().Moref);
        environment.Workload.Start();
        var merges = new HeldMergeExecutor(TimeProvider.System);
        await environment.StartOperatorAsync(s => s.AddSingleton<IMergeExecutor>(merges), cancellation.Token);
        await environment.ProtectAllAsync(cancellation.Token);
        await SandboxFixture.WaitForImagesAsync(environment, 1, TimeSpan.FromSeconds(40));

        // Every merge fails from now on: the next cycle holds in ShippingAndMerging with its snapshot taken.
        merges.Held = true;
        CycleProgress? stuck = null;
        await SandboxFixture.WaitUntilAsync(
            async () =>
            {
                var pvm = (await environment.Client.ListAsync<ProtectedVM>("default")).Single();
                var ready = pvm.Status?.Conditions.FindStatusCondition(ProtectedVMConditions.Ready);
                stuck = pvm.Status?.Cycle;
                return stuck?.Step == CycleStep.ShippingAndMerging && ready?.Reason == ProtectedVMConditions.ReasonCycleFailed;
            },
            TimeSpan.FromSeconds(30),
            "a cycle fails in ShippingAndMerging");
        var tree = await vim.Snapshots.GetTreeAsync(vm, cancellation.Token);
        var lost = tree.All.Single(s => s.Name == stuck!.SnapshotName);
        await vim.Snapshots.RemoveAsync(lost.Snapshot, removeChildren: false, consolidate: true, null, cancellation.Token);
        merges.Held = false;

        var reasons = new ConcurrentBag<string>();
        await SandboxFixture.WaitUntilAsync(
            async () =>
            {
                var pvm = (await environment.Client.ListAsync<ProtectedVM>("default")).Single();
                if (pvm.Status?.Conditions.FindStatusCondition(ProtectedVMConditions.Ready) is { } ready)
                {
                    reasons.Add($"{ready.Reason}: {ready.Message}");
                }

                return pvm.Status?.LatestCommittedImage?.Sequence >= stuck!.Sequence + 1;
            },
            TimeSpan.FromSeconds(40),
            $"image #{stuck!.Sequence + 1} is committed after the snapshot of cycle {stuck.Id} was deleted");
        await environment.Workload.StopAsync();
        await environment.StopOperatorAsync();

        reasons.Should().Contain(r => r.StartsWith(ProtectedVMConditions.ReasonSnapshotLost, StringComparison.Ordinal) && r.Contains(lost.Name, StringComparison.Ordinal));
        var events = await environment.Kubernetes.CoreV1.ListNamespacedEventAsync("default", cancellationToken: cancellation.Token);
        events.Items.Should().Contain(e => e.Reason == ProtectedVMConditions.ReasonSnapshotLost && e.Type == "Warning" && e.Message.Contains(lost.Name, StringComparison.Ordinal));
        var image = await environment.Client.GetAsync<RecoveryImage>(stuck.ImageName!, "default");
        image!.Spec.SourceSnapshot.Moref.Should().NotBe(lost.Snapshot.Value, "the image comes from the snapshot taken again");
        image.Status!.Phase.Should().BeOneOf(RecoveryImagePhase.Committed, RecoveryImagePhase.Superseded);
        var ours = OurSnapshots.In(await vim.Snapshots.GetTreeAsync(vm, cancellation.Token), (await environment.Client.ListAsync<ProtectedVM>("default")).Single());
        ours.Should().HaveCountLessThanOrEqualTo(2, "no orphaned snapshot is left");
        await ProtectionChecks.AssertImagesExactAsync(environment, data, expected);
        data.Delete(recursive: true);
    }
}
