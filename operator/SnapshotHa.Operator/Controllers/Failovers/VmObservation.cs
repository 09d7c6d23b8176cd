using SnapshotHa.Vim;
using SnapshotHa.Vim.VirtualMachines;

namespace SnapshotHa.Operator.Controllers.Failovers;

/// <summary>What vSphere reports about a protected VM at one check.</summary>
/// <param name="Name">The VM name.</param>
/// <param name="PowerState">The power state.</param>
/// <param name="Connected">Whether the VM's connection state is <c>connected</c> (otherwise its power state is only the last known one).</param>
/// <param name="GuestHeartbeat">The guest heartbeat.</param>
public sealed record VmObservation(string Name, VirtualMachinePowerState PowerState, bool Connected, ManagedEntityStatus GuestHeartbeat)
{
    /// <summary>Builds the observation from VM facts.</summary>
    /// <param name="facts">The facts.</param>
    /// <returns>The observation.</returns>
    public static VmObservation From(VirtualMachineFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        return new VmObservation(facts.Name, facts.PowerState, facts.ConnectionState is null or "connected", facts.GuestHeartbeat);
    }
}
