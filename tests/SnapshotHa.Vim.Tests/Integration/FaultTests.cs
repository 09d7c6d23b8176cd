using System.Net;
using SnapshotHa.Vim.Faults;
using SnapshotHa.Vim.Tests.Simulator;

namespace SnapshotHa.Vim.Tests.Integration;

/// <summary>Every injected fault class ends in a typed exception, or in a retry that succeeds.</summary>
public sealed class FaultTests(VcsimFixture fixture) : SimulatorTest<VcsimFixture>(fixture)
{
    private int Attempts => Sim.Launcher.Options().MaxRetryAttempts + 1;

    private Task<ManagedObjectReference> SnapshotAsync() =>
        Sim.Client.Snapshots.CreateAsync(Sim.Vm0.Reference, "fault-test", "", false, false, null, CancellationToken.None);

    [Fact]
    public async Task Transient_soap_fault_is_retried_until_it_clears()
    {
        await Sim.Launcher.Control.AddFaultAsync(new { kind = "soapFault", method = "CreateSnapshot_Task", fault = "TaskInProgress", count = 2 });

        var snapshot = await SnapshotAsync();

        snapshot.Type.Should().Be("VirtualMachineSnapshot");
        (await Sim.Launcher.Control.CallCountAsync("CreateSnapshot_Task")).Should().Be(3);
        await Sim.Client.Snapshots.RemoveAsync(snapshot, false, true, null, CancellationToken.None);
    }

    [Fact]
    public async Task Persistent_transient_fault_ends_in_TaskInProgress_with_its_message()
    {
        await Sim.Launcher.Control.AddFaultAsync(new { kind = "soapFault", method = "CreateSnapshot_Task", fault = "TaskInProgress", message = "busy with task-7", count = 100 });

        var error = (await FluentActions.Awaiting(SnapshotAsync).Should().ThrowAsync<TaskInProgressException>()).Which;

        error.Message.Should().Contain("busy with task-7");
        (await Sim.Launcher.Control.CallCountAsync("CreateSnapshot_Task")).Should().Be(Attempts);
    }

    [Theory]
    [InlineData("InvalidState", typeof(InvalidStateException))]
    [InlineData("InvalidPowerState", typeof(InvalidPowerStateException))]
    [InlineData("FileNotFound", typeof(VimFileNotFoundException))]
    [InlineData("SnapshotFault", typeof(SnapshotFaultException))]
    [InlineData("ManagedObjectNotFound", typeof(ManagedObjectNotFoundException))]
    [InlineData("InvalidArgument", typeof(InvalidArgumentException))]
    [InlineData("NoDiskSpace", typeof(VimFaultException))]
    public async Task Soap_fault_maps_to_its_exception_without_retry(string fault, Type expected)
    {
        await Sim.Launcher.Control.AddFaultAsync(new { kind = "soapFault", method = "CreateSnapshot_Task", fault, message = $"injected {fault}", count = 5 });

        var error = (await FluentActions.Awaiting(SnapshotAsync).Should().ThrowAsync<VimFaultException>()).Which;

        error.Should().BeOfType(expected);
        error.FaultType.Should().Be(fault);
        error.Message.Should().Contain($"injected {fault}");
        error.FailedTask.Should().BeNull();
        (await Sim.Launcher.Control.CallCountAsync("CreateSnapshot_Task")).Should().Be(1);
    }

    [Fact]
    public async Task Injected_NotAuthenticated_fault_logs_in_again_and_repeats_the_call()
    {
        var logins = await Sim.Launcher.Control.CallCountAsync("Login");
        await Sim.Launcher.Control.AddFaultAsync(new { kind = "soapFault", method = "CurrentTime", fault = "NotAuthenticated", count = 1 });

        await Sim.Client.GetCurrentTimeAsync(CancellationToken.None);

        (await Sim.Launcher.Control.CallCountAsync("Login")).Should().Be(logins + 1);
    }

    [Fact]
    public async Task Task_failing_with_a_transient_fault_is_started_again()
    {
        await Sim.Launcher.Control.AddFaultAsync(new { kind = "taskFault", method = "CreateSnapshot_Task", fault = "TaskInProgress", count = 1 });

        var snapshot = await SnapshotAsync();

        (await Sim.Launcher.Control.CallCountAsync("CreateSnapshot_Task")).Should().Be(2);
        await Sim.Client.Snapshots.RemoveAsync(snapshot, false, true, null, CancellationToken.None);
    }

    [Fact]
    public async Task Task_failing_with_a_permanent_fault_throws_it_with_the_task()
    {
        await Sim.Launcher.Control.AddFaultAsync(new { kind = "taskFault", method = "CreateSnapshot_Task", fault = "InvalidState", message = "vm is busy", count = 1 });

        var error = (await FluentActions.Awaiting(SnapshotAsync).Should().ThrowAsync<InvalidStateException>()).Which;

        error.FailedTask!.Type.Should().Be("Task");
        error.Message.Should().Contain("vm is busy");
    }

    [Fact]
    public async Task Http_503_is_retried()
    {
        await Sim.Launcher.Control.AddFaultAsync(new { kind = "httpStatus", method = "RetrievePropertiesEx", status = 503, count = 1 });

        var facts = await Sim.Client.VirtualMachines.GetFactsAsync(Sim.Vm0.Reference, CancellationToken.None);

        facts.Name.Should().Be(Sim.Vm0.Name);
    }

    [Fact]
    public async Task Persistent_http_error_throws_VimHttpException()
    {
        await Sim.Launcher.Control.AddFaultAsync(new { kind = "httpStatus", method = "RetrievePropertiesEx", status = 502, count = 100 });

        var act = () => Sim.Client.VirtualMachines.GetFactsAsync(Sim.Vm0.Reference, CancellationToken.None);

        (await act.Should().ThrowAsync<VimHttpException>()).Which.StatusCode.Should().Be(HttpStatusCode.BadGateway);
    }

    [Fact]
    public async Task Slow_call_times_out()
    {
        await using var client = await VimClient.ConnectAsync(
            Sim.Launcher.Options() with { Timeout = TimeSpan.FromSeconds(2), MaxRetryAttempts = 0 }, null, null, CancellationToken.None);
        await Sim.Launcher.Control.AddFaultAsync(new { kind = "delay", method = "PowerOffVM_Task", ms = 8000, count = 1 });

        var act = () => client.VirtualMachines.PowerOffAsync(Sim.Vm1.Reference, null, CancellationToken.None);

        (await act.Should().ThrowAsync<TimeoutException>()).Which.Message.Should().Contain("PowerOffVM_Task");
    }

    [Fact]
    public async Task Cancellation_stops_a_call()
    {
        await Sim.Launcher.Control.AddFaultAsync(new { kind = "delay", method = "CurrentTime", ms = 5000, count = 1 });
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        var act = () => Sim.Client.GetCurrentTimeAsync(cancel.Token);

        await act.Should().ThrowAsync<OperationCanceledException>();
    }
}
