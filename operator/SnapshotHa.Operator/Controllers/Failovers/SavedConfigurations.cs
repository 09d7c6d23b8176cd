using SnapshotHa.Api.Protection;
using SnapshotHa.Vim.VirtualMachines;

namespace SnapshotHa.Operator.Controllers.Failovers;

/// <summary>Converts between a VM's hardware as vSphere reports it and the configuration saved in the ProtectedVM.</summary>
public static class SavedConfigurations
{
    /// <summary>The configuration to save from <paramref name="hardware"/>.</summary>
    /// <param name="hardware">What vSphere reports.</param>
    /// <returns>The saved configuration.</returns>
    public static SavedVmConfiguration From(VirtualMachineHardware hardware)
    {
        ArgumentNullException.ThrowIfNull(hardware);
        return new SavedVmConfiguration
        {
            NumCpus = hardware.NumCpus,
            MemoryMB = hardware.MemoryMB,
            GuestId = hardware.GuestId,
            Nics = [.. hardware.Nics.Take(10).Select(n => new SavedNic { DeviceType = n.DeviceType, MacAddress = n.MacAddress, Network = n.Network })],
        };
    }
}
