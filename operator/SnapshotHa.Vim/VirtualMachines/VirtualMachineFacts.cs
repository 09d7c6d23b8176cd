using SnapshotHa.Vim.Datastores;
using SnapshotHa.Vim.Properties;
using SnapshotHa.Vim.Soap;

namespace SnapshotHa.Vim.VirtualMachines;

/// <summary>What the operator needs to know about a VM, read in one round trip.</summary>
/// <param name="Vm">The VM.</param>
/// <param name="Name">Display name.</param>
/// <param name="InstanceUuid">vCenter instance UUID (<c>config.instanceUuid</c>), when reported.</param>
/// <param name="PowerState">Power state.</param>
/// <param name="ConnectionState">Connection state (<c>connected</c>, <c>disconnected</c>, <c>orphaned</c>, …).</param>
/// <param name="Host">The host running or registering the VM.</param>
/// <param name="GuestHeartbeat">Guest heartbeat (top-level status, else the quick-stats one; gray when unknown).</param>
/// <param name="ConsolidationNeeded">Whether leftover redo logs need ConsolidateVMDisks.</param>
/// <param name="ChangeTrackingEnabled">Whether changed block tracking is on; null when never set.</param>
/// <param name="VmxPath">The configuration file (<c>config.files.vmPathName</c>).</param>
/// <param name="Disks">Virtual disks with their chains.</param>
/// <param name="Layout">All files and disk chains (<c>layoutEx</c>).</param>
public sealed record VirtualMachineFacts(
    ManagedObjectReference Vm,
    string Name,
    string? InstanceUuid,
    VirtualMachinePowerState PowerState,
    string? ConnectionState,
    ManagedObjectReference? Host,
    ManagedEntityStatus GuestHeartbeat,
    bool ConsolidationNeeded,
    bool? ChangeTrackingEnabled,
    DatastorePath? VmxPath,
    IReadOnlyList<VirtualDiskInfo> Disks,
    FileLayout Layout)
{
    /// <summary>The property paths <see cref="FromContent"/> reads.</summary>
    internal static readonly IReadOnlyList<string> Paths =
    [
        "name", "config.instanceUuid", "runtime.powerState", "runtime.connectionState", "runtime.host",
        "guestHeartbeatStatus", "summary.quickStats.guestHeartbeatStatus", "runtime.consolidationNeeded",
        "config.changeTrackingEnabled", "config.files.vmPathName", "config.hardware.device", "layoutEx",
    ];

    /// <summary>Gets the bytes in the running top layers of all disks (for delta-size policies).</summary>
    public long RunningDeltaBytes => Disks.Where(d => d.Chain.DeltaCount > 0).Sum(d => d.Chain.Top.ExtentSize ?? 0);

    /// <summary>Builds the facts from retrieved properties.</summary>
    internal static VirtualMachineFacts FromContent(ObjectContent content)
    {
        var layout = FileLayout.Parse(content["layoutEx"]);
        var heartbeat = content.Text("guestHeartbeatStatus") ?? content.Text("summary.quickStats.guestHeartbeatStatus");
        return new VirtualMachineFacts(
            content.ManagedObject,
            content.Text("name") ?? content.ManagedObject.Value,
            content.Text("config.instanceUuid"),
            VimEnums.Parse(content.Text("runtime.powerState"), VirtualMachinePowerState.Unknown),
            content.Text("runtime.connectionState"),
            content["runtime.host"]?.ToMoref(),
            VimEnums.Parse(heartbeat, ManagedEntityStatus.Gray),
            content.Text("runtime.consolidationNeeded") == "true",
            content.Text("config.changeTrackingEnabled") is { } cbt ? cbt == "true" : null,
            DatastorePath.TryParse(content.Text("config.files.vmPathName"), out var vmx) ? vmx : null,
            VirtualDiskParser.Parse(content["config.hardware.device"], layout),
            layout);
    }
}
