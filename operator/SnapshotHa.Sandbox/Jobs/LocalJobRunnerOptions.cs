namespace SnapshotHa.Sandbox.Jobs;

/// <summary>Settings of the sandbox's local Job runner.</summary>
public sealed record LocalJobRunnerOptions
{
    /// <summary>
    /// Gets the directory under which a PersistentVolumeClaim's volume is the folder <c>&lt;claimName&gt;</c> (the
    /// operator's repository root, so Jobs and operator see the same repository).
    /// </summary>
    public required string ClaimRoot { get; init; }

    /// <summary>Gets the directory for the per-Job log files and emptyDir volumes.</summary>
    public required string WorkDirectory { get; init; }

    /// <summary>
    /// Gets the local command lines that replace a container command's first word, e.g. <c>snapshotha</c> →
    /// <c>[dotnet, /path/snapshotha.dll]</c>; other first words are started as they are (looked up on PATH).
    /// </summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Commands { get; init; } = new Dictionary<string, IReadOnlyList<string>>();

    /// <summary>Gets the first delay before a failed pod is retried; it doubles per failure, capped at 10 s.</summary>
    public TimeSpan RetryBackoff { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Gets how often all Jobs are listed again even when no watch event arrived (TTL expiry, missed events).</summary>
    public TimeSpan ResyncInterval { get; init; } = TimeSpan.FromSeconds(1);
}
