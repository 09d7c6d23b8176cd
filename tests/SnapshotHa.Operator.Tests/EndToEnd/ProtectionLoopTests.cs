using Microsoft.Extensions.DependencyInjection;
using SnapshotHa.Api.Images;
using SnapshotHa.Api.Protection;
using SnapshotHa.Operator.Merging;
using SnapshotHa.Operator.SandboxRuntime;
using SnapshotHa.Vim;

namespace SnapshotHa.Operator.Tests.EndToEnd;

/// <summary>
/// The protection loop end to end: API server, CRDs, the ESXi simulator with real delta disks and a guest-write
/// workload on every disk, and the operator in process; 2 VMs × 2 disks × at least 3 cycles after the seed.
/// </summary>
public sealed class ProtectionLoopTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(40);

    [Fact]
    public async Task Every_committed_image_equals_each_disk_at_its_snapshot_and_user_snapshots_survive()
    {
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        var (sandbox, data) = await SandboxFixture.StartAsync(vms: 2, TimeSpan.FromSeconds(2), keepLast: 50, cancellation.Token, disksPerVm: 2);
        await using var environment = sandbox;
        var expected = SandboxFixture.RecordSnapshots(environment);
        var ready = environment.Simulator.Ready;
        ready.Vms.Should().HaveCount(2).And.OnlyContain(v => v.Disks.Count == 2 && v.Disks[0].Key != v.Disks[1].Key);
        var sources = new SourceChainRecorder(ready.DatastoreDir, TimeProvider.System);
        await using var vim = await SandboxFixture.ConnectAsync(environment, cancellation.Token);
        var vms = ready.Vms.Select(v => new ManagedObjectReference("VirtualMachine", v.Moref)).ToList();
        await vim.Snapshots.CreateAsync(vms[0], "nightly-by-admin", "taken by a person", memory: false, quiesce: false, null, cancellation.Token);

        environment.Workload.Start();
        await using (var counter = new SnapshotCounter(vim, vms))
        {
            await environment.StartOperatorAsync(services => services.AddSingleton<IMergeExecutor>(sources), cancellation.Token);
            await environment.ProtectAllAsync(cancellation.Token);
            await SandboxFixture.WaitForImagesAsync(environment, 3, Timeout);
            await environment.Workload.StopAsync();
            counter.MaxOursSeen.Should().BeInRange(1, 2, "the VM never carries more than two of our snapshots");
        }

        environment.Workload.Writes.Should().BeGreaterThan(40);
        (await environment.Client.ListAsync<ProtectedVM>("default")).Should().OnlyContain(p => p.Status!.Vm!.Disks!.Count == 2);
        var images = (await environment.Client.ListAsync<RecoveryImage>("default"))
            .Where(i => i.Status?.Phase is RecoveryImagePhase.Committed or RecoveryImagePhase.Superseded)
            .ToList();
        images.Should().HaveCountGreaterThanOrEqualTo(8, "each VM has a seed and at least three cycles");
        images.Select(i => i.Status!.ManifestId).Should().OnlyHaveUniqueItems("no image is produced twice");
        var repository = Path.Combine(data.FullName, SandboxResources.RepositoryClaim, "images");
        (await ImageOracle.CompareAsync(repository, images, expected)).Should().BeEmpty("every disk of every image equals what the workload recorded at its snapshot");
        (await ImageOracle.CompareAsync(repository, images, i => sources.Sources.GetValueOrDefault(i.Metadata.Name), "qemu-img's reading of the source chain of"))
            .Should().BeEmpty("every disk of every image equals qemu-img's reading of its frozen source chain");

        var tree = await vim.Snapshots.GetTreeAsync(vms[0], cancellation.Token);
        tree.All.Select(s => s.Name).Should().Contain("nightly-by-admin");
        foreach (var vm in ready.Vms)
        {
            foreach (var disk in vm.Disks)
            {
                var live = await environment.Simulator.Control.ReadAsync(vm.Moref, disk.Key, 0, (int)disk.CapacityBytes, cancellation.Token);
                live.AsSpan().SequenceEqual(environment.Workload.ContentOf(vm.Moref, disk.Key)).Should().BeTrue("the recorded content (the oracle) matches the simulator's own reading");
            }
        }

        await environment.StopOperatorAsync();
        data.Delete(recursive: true);
    }
}
