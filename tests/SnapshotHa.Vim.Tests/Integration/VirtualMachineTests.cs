using SnapshotHa.Vim.Datastores;
using SnapshotHa.Vim.Faults;
using SnapshotHa.Vim.Tests.Simulator;
using SnapshotHa.Vim.VirtualMachines;

namespace SnapshotHa.Vim.Tests.Integration;

public sealed class VirtualMachineTests(VcsimFixture fixture) : SimulatorTest<VcsimFixture>(fixture)
{
    [Fact]
    public async Task Facts_describe_power_host_heartbeat_vmx_and_disks()
    {
        await Sim.Launcher.Failures.HeartbeatAsync(Sim.Vm0.Moref, "green", CancellationToken.None);

        var facts = await Sim.Client.VirtualMachines.GetFactsAsync(Sim.Vm0.Reference, CancellationToken.None);

        facts.Name.Should().Be(Sim.Vm0.Name);
        facts.Host.Should().Be(new ManagedObjectReference("HostSystem", Sim.Vm0.Host));
        facts.GuestHeartbeat.Should().Be(ManagedEntityStatus.Green);
        facts.VmxPath.Should().Be(DatastorePath.Parse(Sim.Vm0.VmxPath));
        var disk = facts.Disks.Should().ContainSingle().Subject;
        disk.Key.Should().Be(Sim.Vm0.Disks[0].Key);
        disk.CapacityBytes.Should().Be(Sim.Vm0.Disks[0].CapacityBytes);
        disk.Chain.Base.ExtentSize.Should().Be(Sim.Vm0.Disks[0].CapacityBytes);
        disk.Chain.Base.DescriptorSize.Should().BeGreaterThan(0);
        facts.Layout.FindFile(Sim.Vm0.Disks[0].FileName, "diskDescriptor").Should().NotBeNull();
    }

    [Fact]
    public async Task Power_off_and_on_change_the_state_and_a_second_power_off_is_InvalidPowerState()
    {
        var vm = Sim.Vm0.Reference;
        await EnsurePoweredOnAsync(vm);

        await Sim.Client.VirtualMachines.PowerOffAsync(vm, null, CancellationToken.None);
        (await Sim.Client.VirtualMachines.GetFactsAsync(vm, CancellationToken.None)).PowerState.Should().Be(VirtualMachinePowerState.PoweredOff);

        var again = () => Sim.Client.VirtualMachines.PowerOffAsync(vm, null, CancellationToken.None);
        var error = (await again.Should().ThrowAsync<InvalidPowerStateException>()).Which;
        error.ExistingState.Should().Be("poweredOff");
        error.FailedTask.Should().NotBeNull();

        await Sim.Client.VirtualMachines.PowerOnAsync(vm, null, null, CancellationToken.None);
        (await Sim.Client.VirtualMachines.GetFactsAsync(vm, CancellationToken.None)).PowerState.Should().Be(VirtualMachinePowerState.PoweredOn);
    }

    [Fact]
    public async Task Watch_reports_a_crash_as_powered_off_with_a_red_heartbeat()
    {
        var vm = Sim.Vm0;
        await EnsurePoweredOnAsync(vm.Reference);
        await Sim.Launcher.Failures.HeartbeatAsync(vm.Moref, "green", CancellationToken.None);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await using var states = Sim.Client.VirtualMachines.WatchStateAsync(vm.Reference, timeout.Token).GetAsyncEnumerator(timeout.Token);

        (await states.MoveNextAsync()).Should().BeTrue();
        states.Current.PowerState.Should().Be(VirtualMachinePowerState.PoweredOn);
        states.Current.GuestHeartbeat.Should().Be(ManagedEntityStatus.Green);
        await Sim.Launcher.Failures.CrashVmAsync(vm.Moref, CancellationToken.None);

        VirtualMachineState? crashed = null;
        while (crashed is null && await states.MoveNextAsync())
        {
            if (states.Current is { PowerState: VirtualMachinePowerState.PoweredOff, GuestHeartbeat: ManagedEntityStatus.Red })
            {
                crashed = states.Current;
            }
        }

        crashed.Should().NotBeNull();
        crashed!.Host.Should().Be(new ManagedObjectReference("HostSystem", vm.Host));
        await Sim.Launcher.Failures.RestoreVmAsync(vm.Moref, CancellationToken.None);
    }

    [Fact]
    public async Task Reconfigure_turns_change_tracking_on()
    {
        await Sim.Client.VirtualMachines.ReconfigureAsync(
            Sim.Vm0.Reference, new VirtualMachineConfigChange(ChangeTrackingEnabled: true), null, CancellationToken.None);

        (await Sim.Client.VirtualMachines.GetFactsAsync(Sim.Vm0.Reference, CancellationToken.None)).ChangeTrackingEnabled.Should().BeTrue();
    }

    [Fact]
    public async Task Unregister_then_register_brings_the_VM_back_under_a_new_reference()
    {
        // The only test of this class that touches the second VM: its reference changes here.
        var vm = Sim.Vm1;
        await EnsurePoweredOffAsync(vm.Reference);
        var host = new ManagedObjectReference("HostSystem", vm.Host);
        var placement = await Sim.Client.VirtualMachines.GetPlacementAsync(host, CancellationToken.None);

        await Sim.Client.VirtualMachines.UnregisterAsync(vm.Reference, CancellationToken.None);
        (await Sim.Client.VirtualMachines.FindByNameAsync(vm.Name, CancellationToken.None)).Should().BeEmpty();

        var registered = await Sim.Client.VirtualMachines.RegisterAsync(DatastorePath.Parse(vm.VmxPath), vm.Name, placement, null, CancellationToken.None);

        registered.Type.Should().Be("VirtualMachine");
        (await Sim.Client.VirtualMachines.FindByNameAsync(vm.Name, CancellationToken.None)).Should().Equal(registered);
        var facts = await Sim.Client.VirtualMachines.GetFactsAsync(registered, CancellationToken.None);
        facts.VmxPath.Should().Be(DatastorePath.Parse(vm.VmxPath));
    }

    [Fact]
    public async Task Unknown_VM_throws_ManagedObjectNotFound()
    {
        var missing = new ManagedObjectReference("VirtualMachine", "vm-999");

        var act = () => Sim.Client.VirtualMachines.GetFactsAsync(missing, CancellationToken.None);

        (await act.Should().ThrowAsync<ManagedObjectNotFoundException>()).Which.ManagedObject.Should().Be(missing);
    }

    private async Task EnsurePoweredOnAsync(ManagedObjectReference vm)
    {
        if ((await Sim.Client.VirtualMachines.GetFactsAsync(vm, CancellationToken.None)).PowerState != VirtualMachinePowerState.PoweredOn)
        {
            await Sim.Client.VirtualMachines.PowerOnAsync(vm, null, null, CancellationToken.None);
        }
    }

    private async Task EnsurePoweredOffAsync(ManagedObjectReference vm)
    {
        if ((await Sim.Client.VirtualMachines.GetFactsAsync(vm, CancellationToken.None)).PowerState != VirtualMachinePowerState.PoweredOff)
        {
            await Sim.Client.VirtualMachines.PowerOffAsync(vm, null, CancellationToken.None);
        }
    }
}
