using SnapshotHa.Vim.Datastores;
using SnapshotHa.Vim.Tasks;

namespace SnapshotHa.Vim.VirtualMachines;

/// <summary>VM facts and life cycle (implemented by <see cref="VirtualMachineService"/>; fake it in controller tests).</summary>
public interface IVirtualMachineService
{
    /// <inheritdoc cref="VirtualMachineService.GetFactsAsync(ManagedObjectReference, CancellationToken)"/>
    Task<VirtualMachineFacts> GetFactsAsync(ManagedObjectReference vm, CancellationToken cancellationToken);

    /// <inheritdoc cref="VirtualMachineService.GetFactsAsync(IReadOnlyList{ManagedObjectReference}, CancellationToken)"/>
    Task<IReadOnlyDictionary<ManagedObjectReference, VirtualMachineFacts>> GetFactsAsync(
        IReadOnlyList<ManagedObjectReference> vms, CancellationToken cancellationToken);

    /// <inheritdoc cref="VirtualMachineService.FindByNameAsync"/>
    Task<IReadOnlyList<ManagedObjectReference>> FindByNameAsync(string name, CancellationToken cancellationToken);

    /// <inheritdoc cref="VirtualMachineService.FindByUuidAsync"/>
    Task<ManagedObjectReference?> FindByUuidAsync(string uuid, bool instanceUuid, CancellationToken cancellationToken);

    /// <inheritdoc cref="VirtualMachineService.FindByInventoryPathAsync"/>
    Task<ManagedObjectReference?> FindByInventoryPathAsync(string inventoryPath, CancellationToken cancellationToken);

    /// <inheritdoc cref="VirtualMachineService.WatchStateAsync"/>
    IAsyncEnumerable<VirtualMachineState> WatchStateAsync(ManagedObjectReference vm, CancellationToken cancellationToken);

    /// <inheritdoc cref="VirtualMachineService.PowerOnAsync"/>
    Task PowerOnAsync(ManagedObjectReference vm, ManagedObjectReference? host, IProgress<TaskInfo>? progress, CancellationToken cancellationToken);

    /// <inheritdoc cref="VirtualMachineService.PowerOffAsync"/>
    Task PowerOffAsync(ManagedObjectReference vm, IProgress<TaskInfo>? progress, CancellationToken cancellationToken);

    /// <inheritdoc cref="VirtualMachineService.RegisterAsync"/>
    Task<ManagedObjectReference> RegisterAsync(
        DatastorePath vmxPath, string? name, VirtualMachinePlacement placement, IProgress<TaskInfo>? progress, CancellationToken cancellationToken);

    /// <inheritdoc cref="VirtualMachineService.CreateAsync"/>
    Task<ManagedObjectReference> CreateAsync(
        VirtualMachinePlacement placement, VirtualMachineCreateSpec spec, IProgress<TaskInfo>? progress, CancellationToken cancellationToken);

    /// <inheritdoc cref="VirtualMachineService.GetHardwareAsync"/>
    Task<VirtualMachineHardware> GetHardwareAsync(ManagedObjectReference vm, CancellationToken cancellationToken);

    /// <inheritdoc cref="VirtualMachineService.ListVmxPathsAsync"/>
    Task<IReadOnlyList<(ManagedObjectReference Vm, string? VmxPath)>> ListVmxPathsAsync(CancellationToken cancellationToken);

    /// <inheritdoc cref="VirtualMachineService.DestroyAsync"/>
    Task DestroyAsync(ManagedObjectReference vm, IProgress<TaskInfo>? progress, CancellationToken cancellationToken);

    /// <inheritdoc cref="VirtualMachineService.UnregisterAsync"/>
    Task UnregisterAsync(ManagedObjectReference vm, CancellationToken cancellationToken);

    /// <inheritdoc cref="VirtualMachineService.ReconfigureAsync"/>
    Task ReconfigureAsync(ManagedObjectReference vm, VirtualMachineConfigChange change, IProgress<TaskInfo>? progress, CancellationToken cancellationToken);

    /// <inheritdoc cref="VirtualMachineService.GetPlacementAsync"/>
    Task<VirtualMachinePlacement> GetPlacementAsync(ManagedObjectReference host, CancellationToken cancellationToken);
}
