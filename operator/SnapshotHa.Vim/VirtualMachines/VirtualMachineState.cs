namespace SnapshotHa.Vim.VirtualMachines;

/// <summary>The liveness of a VM as a watch reports it.</summary>
/// <param name="Vm">The VM.</param>
/// <param name="PowerState">Power state.</param>
/// <param name="ConnectionState">Connection state, e.g. <c>connected</c>.</param>
/// <param name="Host">The host running it.</param>
/// <param name="GuestHeartbeat">Guest heartbeat colour.</param>
public sealed record VirtualMachineState(
    ManagedObjectReference Vm,
    VirtualMachinePowerState PowerState,
    string? ConnectionState,
    ManagedObjectReference? Host,
    ManagedEntityStatus GuestHeartbeat);
