using SnapshotHa.Vim.Faults;
using SnapshotHa.Vim.Properties;
using SnapshotHa.Vim.Snapshots;
using SnapshotHa.Vim.Tasks;

namespace SnapshotHa.Vim.Tests.Unit;

public sealed class TaskAndSnapshotParsingTests
{
    [Fact]
    public async Task Successful_task_returns_the_snapshot_reference()
    {
        var info = TaskInfo.Parse(RetrieveResult.Parse(await Recorded.BodyAsync("task-success.xml")).Objects.Single()["info"]!);

        info.State.Should().Be(TaskState.Success);
        info.IsCompleted.Should().BeTrue();
        info.Name.Should().Be("CreateSnapshot");
        info.Entity.Should().Be(new ManagedObjectReference("VirtualMachine", "vm-9"));
        info.ResultReference.Should().Be(new ManagedObjectReference("VirtualMachineSnapshot", "snapshot-16"));
        info.Error.Should().BeNull();
    }

    [Fact]
    public async Task Failed_task_carries_the_typed_fault_and_the_task()
    {
        var info = TaskInfo.Parse(RetrieveResult.Parse(await Recorded.BodyAsync("task-error.xml")).Objects.Single()["info"]!);

        info.State.Should().Be(TaskState.Error);
        var fault = info.Error.Should().BeOfType<InvalidPowerStateException>().Subject;
        fault.RequestedState.Should().Be("poweredOn");
        fault.ExistingState.Should().Be("poweredOn");
        fault.FailedTask.Should().Be(new ManagedObjectReference("Task", "task-14"));
        fault.Message.Should().Contain("PowerOn");
    }

    [Fact]
    public async Task Snapshot_tree_nests_children_and_names_the_current_snapshot()
    {
        var content = RetrieveResult.Parse(await Recorded.BodyAsync("vm-snapshot.xml")).Objects.Single();

        var info = VirtualMachineSnapshotInfo.Parse(content["snapshot"]);

        info.CurrentSnapshot!.Value.Should().Be("snapshot-18");
        var root = info.RootSnapshots.Single();
        root.Name.Should().Be("backup-1");
        root.Description.Should().Be("operator snapshot");
        root.Id.Should().Be(1);
        root.CreateTime.Should().NotBeNull();
        root.Children.Single().Name.Should().Be("backup-2");
        info.All.Select(s => s.Snapshot.Value).Should().Equal("snapshot-16", "snapshot-18");
        info.Find(new ManagedObjectReference("VirtualMachineSnapshot", "snapshot-18"))!.Id.Should().Be(2);
    }

    [Fact]
    public void Unset_snapshot_property_means_no_snapshots()
    {
        var info = VirtualMachineSnapshotInfo.Parse(null);

        info.CurrentSnapshot.Should().BeNull();
        info.All.Should().BeEmpty();
    }
}
