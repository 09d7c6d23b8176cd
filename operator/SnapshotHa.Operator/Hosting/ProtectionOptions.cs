namespace SnapshotHa.Operator.Hosting;

/// <summary>Settings of the protection controllers that are not part of any resource.</summary>
public sealed record ProtectionOptions
{
    /// <summary>
    /// Gets the directory under which a repository volume claim is found as <c>&lt;claimName&gt;/&lt;subPath&gt;</c>
    /// (the operator's and the merge Job's mount point of the repository volumes).
    /// </summary>
    public string RepositoryRoot { get; init; } = "/var/lib/snapshotha/repositories";

    /// <summary>
    /// Gets the longest wait before looking at a resource again when nothing is due (a resync, like controller-runtime's
    /// SyncPeriod): the VMs' next snapshot, RPO deadline, policy, failover, heartbeat and VM state changes wake them
    /// earlier, and the delta poller wakes DeltaThreshold VMs.
    /// </summary>
    public TimeSpan IdleRequeue { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Gets how many snapshot tasks (create, remove) the operator runs at once on one ESXi host, across all reconcile
    /// workers (<see cref="Controllers.Protection.HostTaskSlots"/>). 4 by default, like common backup products' bound of
    /// concurrent snapshots per datastore.
    /// </summary>
    public int MaxSnapshotTasksPerHost { get; init; } = 4;

    /// <summary>Gets how long a cycle step waits for a free snapshot-task slot of its host before it is retried.</summary>
    public TimeSpan HostBusyDelay { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// Gets the shortest time between two garbage collections of one repository by the prune step (a collection marks
    /// every image's chunks, so running it on every cycle would cost in proportion to all series sharing the
    /// repository). Pruned manifests are deleted at once; their unshared chunks wait at most this long. Zero collects on
    /// every prune that dropped an image.
    /// </summary>
    public TimeSpan RepositoryGcInterval { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Gets how long a repository's measured stored size is reused for the size metrics.</summary>
    public TimeSpan RepositoryUsageInterval { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>Gets how long to wait before retrying a failed cycle step.</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Gets how many Pruned RecoveryImage objects per ProtectedVM are kept for audit (the newest by sequence); older
    /// Pruned objects are deleted after each prune, because their repository images no longer exist. Superseded
    /// images are never deleted here: their manifests are still in the repository and restorable.
    /// </summary>
    public int PrunedImagesKept { get; init; } = 10;

    /// <summary>Gets the per-call timeout of vim25 requests.</summary>
    public TimeSpan VimTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Gets the container image of merge Jobs (executor Job).</summary>
    public string JobImage { get; init; } = "ghcr.io/snapshotha/snapshotha:0.1.0";

    /// <summary>Gets the command that starts <c>snapshotha</c> inside a merge Job's container.</summary>
    public IReadOnlyList<string> JobCommand { get; init; } = ["snapshotha"];

    /// <summary>Gets the name of the repository volume claim's mount inside merge Jobs.</summary>
    public string JobRepositoryMountPath { get; init; } = "/repository";

    /// <summary>Gets how long a finished merge Job is kept before Kubernetes deletes it (ttlSecondsAfterFinished).</summary>
    public TimeSpan JobTtlAfterFinished { get; init; } = TimeSpan.FromHours(1);

    /// <summary>Resolves a repository volume to a local directory below <see cref="RepositoryRoot"/>.</summary>
    /// <param name="claimName">The volume claim name.</param>
    /// <param name="subPath">The optional relative path inside the volume.</param>
    /// <returns>The absolute directory of the repository.</returns>
    /// <exception cref="ArgumentException">The sub-path leaves the volume.</exception>
    public string ResolveRepository(string claimName, string? subPath)
    {
        var volume = Path.GetFullPath(Path.Combine(RepositoryRoot, claimName));
        var full = string.IsNullOrEmpty(subPath) ? volume : Path.GetFullPath(Path.Combine(volume, subPath));
        if (!full.StartsWith(volume, StringComparison.Ordinal))
        {
            throw new ArgumentException($"repository.volume.subPath '{subPath}' leaves the volume {claimName}.", nameof(subPath));
        }

        return full;
    }
}
