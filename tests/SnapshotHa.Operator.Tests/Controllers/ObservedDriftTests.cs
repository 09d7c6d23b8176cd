using SnapshotHa.Api.Protection;
using SnapshotHa.Operator.Controllers.Protection;
using SnapshotHa.Vim;
using SnapshotHa.Vim.VirtualMachines;

namespace SnapshotHa.Operator.Tests.Controllers;

public sealed class ObservedDriftTests
{
    [Fact]
    public void A_status_matching_the_vm_and_its_heartbeat_is_not_behind()
    {
        ObservedDrift.IsBehind(Recorded(), Facts(VirtualMachinePowerState.PoweredOn), HeartbeatConditionTests.Heartbeat(0, 3)).Should().BeFalse();
    }

    [Fact]
    public void A_changed_power_state_host_or_heartbeat_is_behind()
    {
        var pvm = Recorded();
        ObservedDrift.IsBehind(pvm, Facts(VirtualMachinePowerState.PoweredOff), HeartbeatConditionTests.Heartbeat(0, 3)).Should().BeTrue("the VM was powered off");
        ObservedDrift.IsBehind(pvm, Facts(VirtualMachinePowerState.PoweredOn), HeartbeatConditionTests.Heartbeat(1, 3)).Should().BeTrue("its host missed a heartbeat");
        ObservedDrift.IsBehind(pvm, Facts(VirtualMachinePowerState.PoweredOn, host: "host-2"), null).Should().BeTrue("it moved to another host");
    }

    [Fact]
    public void Another_vm_or_an_unknown_state_is_never_behind()
    {
        var pvm = Recorded();
        ObservedDrift.IsBehind(pvm, Facts(VirtualMachinePowerState.PoweredOff, vm: "vm-99"), null).Should().BeFalse("the status describes another VM");
        ObservedDrift.IsBehind(pvm, Facts(VirtualMachinePowerState.Unknown), null).Should().BeFalse("an unknown state is no evidence");
        ObservedDrift.IsBehind(new ProtectedVM { Metadata = new() { Name = "x" } }, Facts(VirtualMachinePowerState.PoweredOff), null).Should().BeFalse("nothing is recorded yet");
    }

    private static ProtectedVM Recorded()
    {
        var pvm = new ProtectedVM
        {
            Metadata = new() { Name = "db", NamespaceProperty = "default", Generation = 1 },
            Status = new ProtectedVMStatus { Vm = new VmFacts { Moref = "vm-7", Name = "db", Host = "esx-1", PowerState = VmPowerState.PoweredOn } },
        };
        HeartbeatCondition.Apply(pvm, HeartbeatConditionTests.Heartbeat(0, 3), TimeProvider.System);
        return pvm;
    }

    private static VirtualMachineFacts Facts(VirtualMachinePowerState power, string vm = "vm-7", string host = "host-1") => new(
        new ManagedObjectReference("VirtualMachine", vm), "db", null, power, "connected", new ManagedObjectReference("HostSystem", host),
        ManagedEntityStatus.Green, false, null, null, [], FileLayout.Empty);
}
