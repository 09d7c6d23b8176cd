namespace SnapshotHa.Vim.VirtualMachines;

/// <summary>A virtual disk device of a VM with its backing chain.</summary>
/// <param name="Key">The device key (stable per VM; <c>layoutEx.disk[].key</c>).</param>
/// <param name="Label">The device label, e.g. <c>Hard disk 1</c>.</param>
/// <param name="CapacityBytes">Disk size seen by the guest.</param>
/// <param name="DiskMode">e.g. <c>persistent</c>, <c>independent_persistent</c> (independent disks are not snapshotted).</param>
/// <param name="ThinProvisioned">Whether the base disk is thin, when reported.</param>
/// <param name="Uuid">The disk's UUID, when reported.</param>
/// <param name="ChangeId">The changed-block-tracking id of the running layer, when tracking is on.</param>
/// <param name="Datastore">The datastore object of the running layer, when reported.</param>
/// <param name="Chain">The layers, base first.</param>
public sealed record VirtualDiskInfo(
    int Key,
    string Label,
    long CapacityBytes,
    string? DiskMode,
    bool? ThinProvisioned,
    string? Uuid,
    string? ChangeId,
    ManagedObjectReference? Datastore,
    DiskChain Chain);
