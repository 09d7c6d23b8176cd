using System.Security.Cryptography;
using SnapshotHa.Vim.Datastores;
using SnapshotHa.Vim.Tasks;
using SnapshotHa.Vim.Tests.Simulator;

namespace SnapshotHa.Vim.Tests.Integration;

public sealed class SnapshotChainTests(VcsimFixture fixture) : SimulatorTest<VcsimFixture>(fixture)
{
    [Fact]
    public async Task Snapshot_adds_a_delta_that_takes_guest_writes_and_remove_consolidates_it_into_the_base()
    {
        var vm = Sim.Vm0;
        var client = Sim.Client;
        var disk = vm.Disks[0];
        var before = await client.VirtualMachines.GetFactsAsync(vm.Reference, CancellationToken.None);
        var baseLayer = before.Disks.Single(d => d.Key == disk.Key).Chain.Top;
        baseLayer.Descriptor.ToString().Should().Be(disk.FileName);
        baseLayer.Extent!.FileName.Should().EndWith("-flat.vmdk");

        var snapshot = await client.Snapshots.CreateAsync(vm.Reference, "cycle-1", "snapshotha cycle 1", false, false, null, CancellationToken.None);

        var during = await client.VirtualMachines.GetFactsAsync(vm.Reference, CancellationToken.None);
        var chain = during.Disks.Single(d => d.Key == disk.Key).Chain;
        chain.Layers.Should().HaveCount(2);
        chain.Base.Descriptor.Should().Be(baseLayer.Descriptor);
        chain.BelowTop.Should().Be(chain.Base);
        chain.Top.DeltaDiskFormat.Should().Be("redoLogFormat");
        chain.Top.Extent!.FileName.Should().EndWith("-delta.vmdk");
        var emptyDeltaLength = await client.Datastores.GetLengthAsync(chain.Top.Extent, CancellationToken.None);
        var deltaDescriptor = System.Text.Encoding.ASCII.GetString(await DownloadAsync(chain.Top.Descriptor));
        deltaDescriptor.Should().Contain("createType=\"vmfsSparse\"")
            .And.Contain($"parentFileNameHint=\"{chain.Base.Descriptor.FileName}\"")
            .And.Contain($"VMFSSPARSE \"{chain.Top.Extent.FileName}\"");
        (await DownloadAsync(chain.Top.Extent))[..4].Should().Equal("COWD"u8.ToArray());

        var written = RandomNumberGenerator.GetBytes(8192);
        var layer = await Sim.Launcher.Control.WriteAsync(vm.Moref, disk.Key, 1024 * 1024, written);

        layer.Should().EndWith("/" + chain.Top.Descriptor.Path);
        (await client.Datastores.GetLengthAsync(chain.Top.Extent, CancellationToken.None)).Should().BeGreaterThan(emptyDeltaLength);
        var frozenBase = await DownloadAsync(chain.Base.Extent!);
        frozenBase.AsSpan(1024 * 1024, written.Length).SequenceEqual(written).Should().BeFalse("the base is frozen while the snapshot exists");

        await client.Snapshots.RemoveAsync(snapshot, removeChildren: false, consolidate: true, null, CancellationToken.None);

        var after = await client.VirtualMachines.GetFactsAsync(vm.Reference, CancellationToken.None);
        var consolidated = after.Disks.Single(d => d.Key == disk.Key).Chain;
        consolidated.Layers.Should().ContainSingle().Which.Descriptor.Should().Be(baseLayer.Descriptor);
        var merged = await DownloadAsync(consolidated.Base.Extent!);
        merged.AsSpan(1024 * 1024, written.Length).SequenceEqual(written).Should().BeTrue();
        var guestView = await Sim.Launcher.Control.ReadAsync(vm.Moref, disk.Key, 0, (int)disk.CapacityBytes);
        merged.Should().Equal(guestView);
        (await client.Snapshots.GetTreeAsync(vm.Reference, CancellationToken.None)).RootSnapshots.Should().BeEmpty();
    }

    [Fact]
    public async Task Snapshot_tree_nests_children_and_revert_moves_the_current_snapshot()
    {
        var vm = Sim.Vm1.Reference;
        var first = await Sim.Client.Snapshots.CreateAsync(vm, "tree-1", "first", false, false, null, CancellationToken.None);
        var second = await Sim.Client.Snapshots.CreateAsync(vm, "tree-2", "second", false, true, null, CancellationToken.None);

        var tree = await Sim.Client.Snapshots.GetTreeAsync(vm, CancellationToken.None);
        tree.CurrentSnapshot.Should().Be(second);
        var root = tree.RootSnapshots.Should().ContainSingle().Subject;
        root.Snapshot.Should().Be(first);
        root.Name.Should().Be("tree-1");
        root.Description.Should().Be("first");
        root.Children.Should().ContainSingle().Which.Snapshot.Should().Be(second);
        tree.Find(second)!.Quiesced.Should().BeTrue();
        tree.FindByName("tree-2").Should().ContainSingle();

        var beforeRevert = (await Sim.Client.VirtualMachines.GetFactsAsync(vm, CancellationToken.None)).Disks[0].Chain;
        beforeRevert.Layers.Should().HaveCount(3);

        await Sim.Client.Snapshots.RevertAsync(first, null, suppressPowerOn: true, null, CancellationToken.None);

        (await Sim.Client.Snapshots.GetTreeAsync(vm, CancellationToken.None)).CurrentSnapshot.Should().Be(first);
        var afterRevert = (await Sim.Client.VirtualMachines.GetFactsAsync(vm, CancellationToken.None)).Disks[0].Chain;
        afterRevert.Layers.Should().HaveCount(2);
        afterRevert.BelowTop.Should().Be(beforeRevert.Base);
        afterRevert.Top.Descriptor.Should().NotBe(beforeRevert.Top.Descriptor);

        await Sim.Client.Snapshots.RemoveAsync(first, removeChildren: true, consolidate: null, null, CancellationToken.None);
        (await Sim.Client.Snapshots.GetTreeAsync(vm, CancellationToken.None)).Should().Be(Snapshots.VirtualMachineSnapshotInfo.None);
    }

    [Fact]
    public async Task Consolidate_disks_completes()
    {
        await Sim.Client.Snapshots.ConsolidateDisksAsync(Sim.Vm0.Reference, null, CancellationToken.None);

        var facts = await Sim.Client.VirtualMachines.GetFactsAsync(Sim.Vm0.Reference, CancellationToken.None);
        facts.ConsolidationNeeded.Should().BeFalse();
    }

    [Fact]
    public async Task Slow_task_reports_running_progress_before_success()
    {
        await Sim.Launcher.Control.AddFaultAsync(new { kind = "slowTask", method = "CreateSnapshot_Task", ms = 1500, progress = 42 });
        var states = new List<TaskInfo>();
        var progress = new SynchronousProgress<TaskInfo>(states.Add);

        var snapshot = await Sim.Client.Snapshots.CreateAsync(Sim.Vm0.Reference, "slow", "", false, false, progress, CancellationToken.None);

        states.Should().Contain(s => s.State == TaskState.Running && s.Progress == 42);
        states[^1].State.Should().Be(TaskState.Success);
        await Sim.Client.Snapshots.RemoveAsync(snapshot, false, true, null, CancellationToken.None);
    }

    private async Task<byte[]> DownloadAsync(DatastorePath path)
    {
        using var buffer = new MemoryStream();
        await Sim.Client.Datastores.DownloadAsync(path, buffer, 0, null, CancellationToken.None);
        return buffer.ToArray();
    }
}
