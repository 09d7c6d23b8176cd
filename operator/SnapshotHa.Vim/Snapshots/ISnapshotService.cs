using SnapshotHa.Vim.Tasks;

namespace SnapshotHa.Vim.Snapshots;

/// <summary>VM snapshots (implemented by <see cref="SnapshotService"/>; fake it in controller tests).</summary>
public interface ISnapshotService
{
    /// <inheritdoc cref="SnapshotService.CreateAsync"/>
    Task<ManagedObjectReference> CreateAsync(
        ManagedObjectReference vm, string name, string description, bool memory, bool quiesce,
        IProgress<TaskInfo>? progress, CancellationToken cancellationToken);

    /// <inheritdoc cref="SnapshotService.RemoveAsync"/>
    Task RemoveAsync(
        ManagedObjectReference snapshot, bool removeChildren, bool? consolidate, IProgress<TaskInfo>? progress, CancellationToken cancellationToken);

    /// <inheritdoc cref="SnapshotService.RevertAsync"/>
    Task RevertAsync(
        ManagedObjectReference snapshot, ManagedObjectReference? host, bool? suppressPowerOn,
        IProgress<TaskInfo>? progress, CancellationToken cancellationToken);

    /// <inheritdoc cref="SnapshotService.ConsolidateDisksAsync"/>
    Task ConsolidateDisksAsync(ManagedObjectReference vm, IProgress<TaskInfo>? progress, CancellationToken cancellationToken);

    /// <inheritdoc cref="SnapshotService.GetTreeAsync"/>
    Task<VirtualMachineSnapshotInfo> GetTreeAsync(ManagedObjectReference vm, CancellationToken cancellationToken);
}
