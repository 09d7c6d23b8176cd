using SnapshotHa.Api.Endpoints;
using SnapshotHa.Api.Protection;
using SnapshotHa.Operator.Controllers.Endpoints;
using SnapshotHa.Operator.Controllers.Failovers;
using SnapshotHa.Vim;
using SnapshotHa.Vim.VirtualMachines;

namespace SnapshotHa.Operator.Tests.Controllers;

public sealed class FailureDetectorTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 26, 6, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(30);

    [Fact]
    public void A_VM_seen_running_then_powered_off_is_a_crash_detected_at_once_with_its_last_running_time()
    {
        var detector = new FailureDetector();
        detector.Observe("vm", Vm(VirtualMachinePowerState.PoweredOn), Healthy(), false, Grace, T0).Failure.Should().BeNull();

        var seen = detector.Observe("vm", Vm(VirtualMachinePowerState.PoweredOff, ManagedEntityStatus.Red), Healthy(), false, Grace, T0.AddSeconds(1));

        seen.Health!.Healthy.Should().BeFalse();
        seen.Failure!.Reason.Should().Be(ProtectedVMConditions.ReasonPoweredOffUnexpectedly);
        seen.Failure.FailureTime.Should().Be(T0);
        seen.Failure.DetectedTime.Should().Be(T0.AddSeconds(1));
        seen.Failure.NeedsGracePeriod.Should().BeFalse();
    }

    [Fact]
    public void A_VM_never_seen_running_is_not_a_crash()
    {
        var seen = new FailureDetector().Observe("vm", Vm(VirtualMachinePowerState.PoweredOff), Healthy(), false, Grace, T0);

        seen.Failure.Should().BeNull();
        seen.Health!.Reason.Should().Be(ProtectedVMConditions.ReasonNotRunning);
    }

    [Fact]
    public void A_VM_the_protection_cycle_read_running_is_a_crash_when_the_first_check_finds_it_off()
    {
        var detector = new FailureDetector();
        detector.SeenRunning("vm", T0);

        var seen = detector.Observe("vm", Vm(VirtualMachinePowerState.PoweredOff), Healthy(), false, Grace, T0.AddSeconds(1));

        seen.Failure!.Reason.Should().Be(ProtectedVMConditions.ReasonPoweredOffUnexpectedly);
        seen.Failure.FailureTime.Should().Be(T0);
    }

    [Fact]
    public void A_late_running_read_does_not_undo_a_crash_already_seen()
    {
        var detector = new FailureDetector();
        detector.Observe("vm", Vm(VirtualMachinePowerState.PoweredOn), Healthy(), false, Grace, T0);
        var crash = detector.Observe("vm", Vm(VirtualMachinePowerState.PoweredOff), Healthy(), false, Grace, T0.AddSeconds(2));

        detector.SeenRunning("vm", T0.AddSeconds(1));
        var again = detector.Observe("vm", Vm(VirtualMachinePowerState.PoweredOff), Healthy(), false, Grace, T0.AddSeconds(3));

        again.Failure!.FailureTime.Should().Be(crash.Failure!.FailureTime, "the crash still dates from the last check that saw the VM running");
        again.Failure.DetectedTime.Should().Be(T0.AddSeconds(2));
    }

    [Fact]
    public void The_reported_power_state_stands_in_after_a_restart()
    {
        var seen = new FailureDetector().Observe("vm", Vm(VirtualMachinePowerState.PoweredOff), Healthy(), true, Grace, T0);

        seen.Failure!.Reason.Should().Be(ProtectedVMConditions.ReasonPoweredOffUnexpectedly);
    }

    [Fact]
    public void A_red_guest_heartbeat_is_a_failure_only_after_the_grace_period()
    {
        var detector = new FailureDetector();
        var red = Vm(VirtualMachinePowerState.PoweredOn, ManagedEntityStatus.Red);

        var early = detector.Observe("vm", red, Healthy(), true, Grace, T0);
        var late = detector.Observe("vm", red, Healthy(), true, Grace, T0 + Grace);

        early.Failure.Should().BeNull();
        early.Health!.Reason.Should().Be(ProtectedVMConditions.ReasonGuestHeartbeatRed);
        late.Failure!.Reason.Should().Be(ProtectedVMConditions.ReasonGuestHeartbeatLost);
        late.Failure.FailureTime.Should().Be(T0);
    }

    [Fact]
    public void A_failed_host_is_a_failure_that_needs_the_grace_period_and_dates_from_its_last_heartbeat()
    {
        var detector = new FailureDetector();
        var lastBeat = T0.AddSeconds(-6);
        var failed = Healthy() with { ConsecutiveMisses = 3, LastHeartbeat = lastBeat, LastError = "no answer" };

        var seen = detector.Observe("vm", Vm(VirtualMachinePowerState.PoweredOn), failed, true, Grace, T0);
        var again = detector.Observe("vm", Vm(VirtualMachinePowerState.PoweredOn), failed with { ConsecutiveMisses = 4 }, true, Grace, T0.AddSeconds(2));

        seen.Health.Should().BeNull("the VM's power state is not trusted while its host does not answer");
        seen.Failure!.Reason.Should().Be(ProtectedVMConditions.ReasonHostNotResponding);
        seen.Failure.NeedsGracePeriod.Should().BeTrue();
        seen.Failure.FailureTime.Should().Be(lastBeat);
        again.Failure!.DetectedTime.Should().Be(T0, "detection dates from the first check that saw the host failed");
    }

    [Fact]
    public void A_power_state_reported_while_heartbeats_are_missed_decides_nothing()
    {
        var detector = new FailureDetector();
        detector.Observe("vm", Vm(VirtualMachinePowerState.PoweredOn), Healthy(), true, Grace, T0);

        var seen = detector.Observe("vm", Vm(VirtualMachinePowerState.PoweredOff), Healthy() with { ConsecutiveMisses = 1 }, true, Grace, T0.AddSeconds(1));

        seen.Failure.Should().BeNull();
        seen.Health.Should().BeNull();
    }

    private static VmObservation Vm(VirtualMachinePowerState power, ManagedEntityStatus heartbeat = ManagedEntityStatus.Green) =>
        new("web-01", power, true, heartbeat);

    private static HostHeartbeat Healthy() => new("host-1", "esx-1", HostConnectionState.Connected, false, T0, 0, null, 3);
}
