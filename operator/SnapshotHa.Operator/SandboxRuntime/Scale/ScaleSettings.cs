namespace SnapshotHa.Operator.SandboxRuntime.Scale;

/// <summary>What the scale benchmark runs: how many VMs on how many hosts, how fast, how long it measures.</summary>
public sealed record ScaleSettings
{
    /// <summary>Gets the number of VMs (one 1 MiB disk each), every one protected.</summary>
    public required int Vms { get; init; }

    /// <summary>Gets the number of simulated ESXi hosts of the vCenter model.</summary>
    public int Hosts { get; init; } = 20;

    /// <summary>Gets the policy's maxInterval: every VM takes one snapshot per interval at steady state.</summary>
    public TimeSpan CycleInterval { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Gets the length of the steady and of the idle measurement window.</summary>
    public TimeSpan Window { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Gets how long the benchmark waits until every ProtectedVM is Protected.</summary>
    public TimeSpan ProtectTimeout { get; init; } = TimeSpan.FromMinutes(30);

    /// <summary>Gets the reconcile workers per controller; null for the runtime's default.</summary>
    public int? Workers { get; init; }
}
