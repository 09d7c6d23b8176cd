using System.Collections.Concurrent;
using SnapshotHa.Api.Images;
using SnapshotHa.Api.Protection;
using SnapshotHa.Operator.SandboxRuntime;
using SnapshotHa.Vim;

namespace SnapshotHa.Operator.Tests.EndToEnd;

/// <summary>
/// The protection loop end to end: API server, CRDs, the ESXi simulator with real delta disks and a guest-write
/// workload, and the operator in process. The simulator offers one disk per VM, so 2 VMs × 1 disk.
/// </summary>
public sealed class ProtectionLoopTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(40);

    [Fact]
    public async Task Every_committed_image_equals_the_disk_at_its_snapshot_and_user_snapshots_survive()
    {
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        var (sandbox, data) = await SandboxFixture.StartAsync(vms: 2, TimeSpan.FromSeconds(2), keepLast: 50, cancellation.Token);
        await using var environment = sandbox;
        var expected = new ConcurrentDictionary<string, IReadOnlyDictionary<int, byte[]>>(StringComparer.Ordinal);
        environment.Workload.SnapshotTaken += (_, e) => expected[e.SnapshotName] = e.Disks!;
        var ready = environment.Simulator.Ready;
        await using var vim = await VimClient.ConnectAsync(
            new VimConnectionOptions { Url = new Uri(ready.SdkUrl), Username = ready.Username, Password = ready.Password, Thumbprint = ready.Thumbprint },
            null,
            null,
            cancellation.Token);
        var vms = ready.Vms.Select(v => new ManagedObjectReference("VirtualMachine", v.Moref)).ToList();
        await vim.Snapshots.CreateAsync(vms[0], "nightly-by-admin", "taken by a person", memory: false, quiesce: false, null, cancellation.Token);

        environment.Workload.Start();
        await using (var counter = new SnapshotCounter(vim, vms))
        {
            await environment.StartOperatorAsync(null, cancellation.Token);
            await environment.ProtectAllAsync(cancellation.Token);
            await SandboxFixture.WaitForImagesAsync(environment, 3, Timeout);
            await environment.Workload.StopAsync();
            counter.MaxOursSeen.Should().BeInRange(1, 2, "the VM never carries more than two of our snapshots");
        }

        environment.Workload.Writes.Should().BeGreaterThan(20);
        var images = (await environment.Client.ListAsync<RecoveryImage>("default"))
            .Where(i => i.Status?.Phase is RecoveryImagePhase.Committed or RecoveryImagePhase.Superseded)
            .ToList();
        images.Should().HaveCountGreaterThanOrEqualTo(8, "each VM has a seed and at least three cycles");
        images.Select(i => i.Status!.ManifestId).Should().OnlyHaveUniqueItems("no image is produced twice");
        var problems = await ImageOracle.CompareAsync(Path.Combine(data.FullName, SandboxResources.RepositoryClaim, "images"), images, expected);
        problems.Should().BeEmpty();

        var tree = await vim.Snapshots.GetTreeAsync(vms[0], cancellation.Token);
        tree.All.Select(s => s.Name).Should().Contain("nightly-by-admin");
        foreach (var vm in ready.Vms)
        {
            var disk = vm.Disks[0];
            var live = await environment.Simulator.Control.ReadAsync(vm.Moref, disk.Key, 0, (int)disk.CapacityBytes, cancellation.Token);
            live.AsSpan().SequenceEqual(environment.Workload.ContentOf(vm.Moref, disk.Key)).Should().BeTrue("the recorded content (the oracle) matches the simulator's own reading");
        }

        await environment.StopOperatorAsync();
        data.Delete(recursive: true);
    }
}
