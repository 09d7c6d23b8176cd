namespace SnapshotHa.Vim.VirtualMachines;

/// <summary>Where to register a VM: the datacenter's VM folder, a resource pool and a host.</summary>
/// <param name="Folder">The VM folder (RegisterVM_Task's <c>_this</c>).</param>
/// <param name="ResourcePool">The resource pool.</param>
/// <param name="Host">The host, or null to let vCenter choose.</param>
public sealed record VirtualMachinePlacement(ManagedObjectReference Folder, ManagedObjectReference ResourcePool, ManagedObjectReference? Host);
