using SnapshotHa.Sandbox.Simulator;

namespace SnapshotHa.Vim.Tests.Simulator;

/// <summary>The vim25 reference of a VM of the launcher's ready line.</summary>
public static class SimulatorVmReference
{
    extension(SimulatorVm vm)
    {
        /// <summary>Gets the VM's managed object reference.</summary>
        public ManagedObjectReference Reference => new("VirtualMachine", vm.Moref);
    }
}
