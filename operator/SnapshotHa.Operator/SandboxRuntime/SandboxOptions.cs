namespace SnapshotHa.Operator.SandboxRuntime;

/// <summary>Settings of a sandbox: how many VMs, how big, how fast.</summary>
public sealed record SandboxOptions
{
    /// <summary>Gets the repository root (holds tests/vcsim, hack/ and crds/).</summary>
    public required string RepositoryRoot { get; init; }

    /// <summary>Gets the directory for the image repository volumes.</summary>
    public required string DataDirectory { get; init; }

    /// <summary>Gets the number of protected VMs.</summary>
    public int Vms { get; init; } = 2;

    /// <summary>Gets the launcher's disk size flag, e.g. <c>64MiB</c>.</summary>
    public string DiskSize { get; init; } = "64MiB";

    /// <summary>Gets the VirtualDisks per VM (the launcher's <c>--disks-per-vm</c>, 1..8).</summary>
    public int DisksPerVm { get; init; } = 2;

    /// <summary>Gets the longest time between two snapshots (the policy's maxInterval).</summary>
    public TimeSpan CycleInterval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Gets the time between two rounds of guest writes.</summary>
    public TimeSpan WriteInterval { get; init; } = TimeSpan.FromMilliseconds(300);

    /// <summary>Gets the longest guest write.</summary>
    public int MaxWriteBytes { get; init; } = 64 * 1024;

    /// <summary>Gets whether the workload keeps a copy of every disk (tests: exact comparisons).</summary>
    public bool TrackContent { get; init; }

    /// <summary>Gets how many images the policy keeps.</summary>
    public int KeepLast { get; init; } = 5;

    /// <summary>Gets how many Pruned RecoveryImage objects per VM the operator keeps for audit.</summary>
    public int PrunedImagesKept { get; init; } = 10;

    /// <summary>Gets the seed of the workload's randomness.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>
    /// Gets where merges run: InProcess, or Job (one Job per image, run as a local process by the sandbox's Job runner).
    /// </summary>
    public Api.Policies.MergeExecutor Executor { get; init; } = Api.Policies.MergeExecutor.InProcess;

    /// <summary>Gets the namespace the resources go to.</summary>
    public string Namespace { get; init; } = "default";

    /// <summary>Gets the loopback port of the operator's <c>/metrics</c>, <c>/healthz</c> and <c>/readyz</c>; null for any free port.</summary>
    public int? MetricsPort { get; init; }

    /// <summary>Gets the number of ESXi hosts: 1 simulates a standalone ESXi host, more a vCenter cluster (failover needs two).</summary>
    public int Hosts { get; init; } = 1;

    /// <summary>Gets the policy's failover settings (default: automatic, fencing BestEffort, grace period 2s).</summary>
    public Api.Policies.FailoverPolicySpec? Failover { get; init; }

    /// <summary>
    /// Gets the longest time the operator waits before looking at a ProtectedVM again when nothing is due (the
    /// product's default: the sandbox relies on the same wake-ups as a production operator).
    /// </summary>
    public TimeSpan IdleRequeue { get; init; } = new Hosting.ProtectionOptions().IdleRequeue;

    /// <summary>Gets the operator's reconcile workers per controller; null for the runtime's default.</summary>
    public int? Workers { get; init; }
}
