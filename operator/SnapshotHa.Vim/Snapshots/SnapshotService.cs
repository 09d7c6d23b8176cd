using SnapshotHa.Vim.Faults;
using SnapshotHa.Vim.Properties;
using SnapshotHa.Vim.Soap;
using SnapshotHa.Vim.Tasks;

namespace SnapshotHa.Vim.Snapshots;

/// <summary>
/// VM snapshots: create, remove (with or without consolidation), revert, consolidate leftover redo logs, and read
/// the snapshot tree. Every method waits for its task and throws its fault typed.
/// </summary>
public sealed class SnapshotService : ISnapshotService
{
    private readonly PropertyCollector _properties;
    private readonly TaskService _tasks;

    internal SnapshotService(PropertyCollector properties, TaskService tasks)
    {
        _properties = properties;
        _tasks = tasks;
    }

    /// <summary>Takes a snapshot (<c>CreateSnapshot_Task</c>).</summary>
    /// <param name="vm">The VM.</param>
    /// <param name="name">Snapshot name.</param>
    /// <param name="description">Snapshot description (e.g. the cycle id).</param>
    /// <param name="memory">Whether to dump the VM's memory (slow; the VM must be on).</param>
    /// <param name="quiesce">Whether to quiesce the guest file systems (needs VMware Tools).</param>
    /// <param name="progress">Receives task states; may be null.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>The new snapshot.</returns>
    /// <exception cref="VimFaultException">The snapshot failed (e.g. <see cref="InvalidStateException"/>, <see cref="SnapshotFaultException"/>).</exception>
    public async Task<ManagedObjectReference> CreateAsync(
        ManagedObjectReference vm, string name, string description, bool memory, bool quiesce,
        IProgress<TaskInfo>? progress, CancellationToken cancellationToken)
    {
        var request = VimXml.Element(
            "CreateSnapshot_Task",
            VimXml.Moref("_this", vm),
            VimXml.Element("name", name),
            VimXml.Element("description", description),
            VimXml.Element("memory", VimXml.Bool(memory)),
            VimXml.Element("quiesce", VimXml.Bool(quiesce)));
        var info = await _tasks.RunAsync(request, progress, cancellationToken);
        return info.ResultReference
            ?? throw new VimProtocolException($"CreateSnapshot_Task {info.Task.Value} returned no snapshot.");
    }

    /// <summary>Removes a snapshot (<c>RemoveSnapshot_Task</c>); its layer is merged into its parent.</summary>
    /// <param name="snapshot">The snapshot.</param>
    /// <param name="removeChildren">Whether to remove the snapshots below it as well.</param>
    /// <param name="consolidate">Whether to consolidate the disks now (null: the server's default, true).</param>
    /// <param name="progress">Receives task states; may be null.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <exception cref="ManagedObjectNotFoundException">The snapshot does not exist.</exception>
    public Task RemoveAsync(
        ManagedObjectReference snapshot, bool removeChildren, bool? consolidate,
        IProgress<TaskInfo>? progress, CancellationToken cancellationToken) =>
        _tasks.RunAsync(
            VimXml.Element(
                "RemoveSnapshot_Task",
                VimXml.Moref("_this", snapshot),
                VimXml.Element("removeChildren", VimXml.Bool(removeChildren)),
                consolidate is { } c ? VimXml.Element("consolidate", VimXml.Bool(c)) : null),
            progress,
            cancellationToken);

    /// <summary>Reverts the VM to a snapshot (<c>RevertToSnapshot_Task</c>).</summary>
    /// <param name="snapshot">The snapshot.</param>
    /// <param name="host">Host to power the VM on, or null.</param>
    /// <param name="suppressPowerOn">Whether to leave the VM off even if the snapshot was taken powered on.</param>
    /// <param name="progress">Receives task states; may be null.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    public Task RevertAsync(
        ManagedObjectReference snapshot, ManagedObjectReference? host, bool? suppressPowerOn,
        IProgress<TaskInfo>? progress, CancellationToken cancellationToken) =>
        _tasks.RunAsync(
            VimXml.Element(
                "RevertToSnapshot_Task",
                VimXml.Moref("_this", snapshot),
                host is null ? null : VimXml.Moref("host", host),
                suppressPowerOn is { } s ? VimXml.Element("suppressPowerOn", VimXml.Bool(s)) : null),
            progress,
            cancellationToken);

    /// <summary>Merges leftover redo logs into their parents (<c>ConsolidateVMDisks_Task</c>).</summary>
    /// <exception cref="MethodNotFoundException">The server does not implement consolidation.</exception>
    public Task ConsolidateDisksAsync(ManagedObjectReference vm, IProgress<TaskInfo>? progress, CancellationToken cancellationToken) =>
        _tasks.RunAsync(VimXml.Element("ConsolidateVMDisks_Task", VimXml.Moref("_this", vm)), progress, cancellationToken);

    /// <summary>
    /// Reads the virtual disks as a snapshot froze them (the snapshot's <c>config.hardware.device</c>): each disk's
    /// chain ends in the layer the snapshot made read-only. Layout sizes are not part of a snapshot, so
    /// <see cref="VirtualMachines.DiskLayer.ExtentSize"/> is null.
    /// </summary>
    /// <param name="snapshot">The snapshot.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The frozen disks, in device order.</returns>
    /// <exception cref="VimFaultException">The snapshot does not exist or the call failed.</exception>
    public async Task<IReadOnlyList<VirtualMachines.VirtualDiskInfo>> GetFrozenDisksAsync(
        ManagedObjectReference snapshot, CancellationToken cancellationToken)
    {
        var content = await _properties.RetrieveObjectAsync(snapshot, ["config.hardware.device"], cancellationToken);
        return VirtualMachines.VirtualDiskParser.Parse(content["config.hardware.device"], VirtualMachines.FileLayout.Empty);
    }

    /// <summary>Reads the VM's snapshot tree; <see cref="VirtualMachineSnapshotInfo.None"/> when it has no snapshots.</summary>
    public async Task<VirtualMachineSnapshotInfo> GetTreeAsync(ManagedObjectReference vm, CancellationToken cancellationToken)
    {
        var content = await _properties.RetrieveObjectAsync(vm, ["snapshot"], cancellationToken);
        return VirtualMachineSnapshotInfo.Parse(content["snapshot"]);
    }
}
