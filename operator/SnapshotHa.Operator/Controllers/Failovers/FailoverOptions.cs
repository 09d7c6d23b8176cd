namespace SnapshotHa.Operator.Controllers.Failovers;

/// <summary>Settings of failure detection and failover that are not part of any resource.</summary>
public sealed record FailoverOptions
{
    /// <summary>Gets how often every protected VM is checked for a failed host or a crashed VM.</summary>
    public TimeSpan CheckInterval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Gets how long to wait before looking at a failover again while it waits (fencing) or after a failed step.</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Gets the local directory where images are materialized before their upload to the recovery datastore.</summary>
    public string StagingDirectory { get; init; } = Path.Combine(Path.GetTempPath(), "snapshotha-restore");
}
