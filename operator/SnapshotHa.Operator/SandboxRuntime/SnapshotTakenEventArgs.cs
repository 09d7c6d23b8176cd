namespace SnapshotHa.Operator.SandboxRuntime;

/// <summary>Raised inside the fence while the workload is held: the VM's content is exactly what the snapshot freezes.</summary>
/// <param name="vmMoref">The VM.</param>
/// <param name="snapshotName">The snapshot about to be created.</param>
/// <param name="disks">Per disk key, the workload's record of the disk content (null when content is not tracked).</param>
public sealed class SnapshotTakenEventArgs(string vmMoref, string snapshotName, IReadOnlyDictionary<int, byte[]>? disks) : EventArgs
{
    /// <summary>Gets the VM.</summary>
    public string VmMoref { get; } = vmMoref;

    /// <summary>Gets the snapshot name.</summary>
    public string SnapshotName { get; } = snapshotName;

    /// <summary>Gets the recorded disk content per disk key, or null when the workload does not track content.</summary>
    public IReadOnlyDictionary<int, byte[]>? Disks { get; } = disks;
}
