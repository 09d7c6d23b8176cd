namespace SnapshotHa.Operator.SandboxRuntime.Scale;

/// <summary>
/// The figures of one scale run. "Steady" is one window while every VM cycles once per policy interval; "idle" is one
/// window after the policy's maxInterval was raised to an hour, so nothing is due and only the requeues, heartbeats and
/// watches run. CPU and memory are the operator's (its own process unless <see cref="OperatorApart"/> is false), the
/// sandbox process's (the API server and the benchmark) and the simulator's.
/// </summary>
public sealed record ScaleReport
{
    /// <summary>Gets the number of VMs.</summary>
    public required int Vms { get; init; }

    /// <summary>Gets the number of hosts.</summary>
    public required int Hosts { get; init; }

    /// <summary>Gets the reconcile workers of the ProtectedVM controller.</summary>
    public required int Workers { get; init; }

    /// <summary>Gets the policy interval in seconds.</summary>
    public required double CycleIntervalSeconds { get; init; }

    /// <summary>Gets the ProtectedVMs Protected (phase Protected, Ready, image committed) at the end of the ramp.</summary>
    public required int Protected { get; init; }

    /// <summary>Gets the seconds from the first create until every ProtectedVM was Protected (or the timeout).</summary>
    public required double SecondsToAllProtected { get; init; }

    /// <summary>Gets the reconcile latency quantiles (seconds) during the ramp: p50, p99.</summary>
    public required double?[] RampReconcileSeconds { get; init; }

    /// <summary>Gets the reconcile latency quantiles (seconds) during the steady window: p50, p99.</summary>
    public required double?[] SteadyReconcileSeconds { get; init; }

    /// <summary>Gets the cycle latency quantiles (seconds, a cycle's start to its end) during the steady window: p50, p99.</summary>
    public required double?[] SteadyCycleSeconds { get; init; }

    /// <summary>Gets the largest ProtectedVM work-queue depth sampled (every 15 s) during ramp and steady window.</summary>
    public required int MaxQueueDepth { get; init; }

    /// <summary>Gets the sampled work-queue depth: seconds since the first create → depth, every 15 s.</summary>
    public required IReadOnlyList<double[]> QueueDepth { get; init; }

    /// <summary>Gets the cycles completed in the steady window.</summary>
    public required double SteadyCycles { get; init; }

    /// <summary>Gets vim25 SOAP calls per completed cycle (= per VM per cycle) in the steady window.</summary>
    public required double VimCallsPerVmCycle { get; init; }

    /// <summary>Gets Kubernetes API requests per completed cycle (= per VM per cycle) in the steady window.</summary>
    public required double KubeCallsPerVmCycle { get; init; }

    /// <summary>
    /// Gets vim25 calls per completed cycle in the steady window after subtracting what the same time costs at idle
    /// (requeues, heartbeats, failure and standby checks): the calls of a cycle itself.
    /// </summary>
    public required double VimCallsPerCycleNetOfIdle { get; init; }

    /// <summary>Gets Kubernetes API requests per completed cycle in the steady window net of the idle rate.</summary>
    public required double KubeCallsPerCycleNetOfIdle { get; init; }

    /// <summary>Gets vim25 calls per VM per minute in the idle window.</summary>
    public required double IdleVimCallsPerVmMinute { get; init; }

    /// <summary>Gets Kubernetes API requests per VM per minute in the idle window.</summary>
    public required double IdleKubeCallsPerVmMinute { get; init; }

    /// <summary>Gets vim25 calls by method in the steady window.</summary>
    public required IReadOnlyDictionary<string, double> SteadyVimCalls { get; init; }

    /// <summary>Gets Kubernetes API requests by verb in the steady window.</summary>
    public required IReadOnlyDictionary<string, long> SteadyKubeCalls { get; init; }

    /// <summary>Gets vim25 calls by method in the idle window.</summary>
    public required IReadOnlyDictionary<string, double> IdleVimCalls { get; init; }

    /// <summary>Gets Kubernetes API requests by verb in the idle window.</summary>
    public required IReadOnlyDictionary<string, long> IdleKubeCalls { get; init; }

    /// <summary>Gets whether the operator ran in its own process (else inside the sandbox process, with the API server).</summary>
    public required bool OperatorApart { get; init; }

    /// <summary>Gets the operator's CPU in the steady window, percent of one core.</summary>
    public required double SteadyCpuPercent { get; init; }

    /// <summary>Gets the operator's CPU in the idle window, percent of one core.</summary>
    public required double IdleCpuPercent { get; init; }

    /// <summary>Gets the sandbox process's (API server's) CPU in the steady window, percent of one core.</summary>
    public required double ApiServerSteadyCpuPercent { get; init; }

    /// <summary>Gets the sandbox process's (API server's) CPU in the idle window, percent of one core.</summary>
    public required double ApiServerIdleCpuPercent { get; init; }

    /// <summary>Gets the sandbox process's (API server's) resident memory at the end of the steady window, MiB.</summary>
    public required double ApiServerRssMiB { get; init; }

    /// <summary>Gets the simulator's CPU in the steady window, percent of one core.</summary>
    public required double SimulatorSteadyCpuPercent { get; init; }

    /// <summary>Gets the operator's resident memory at the end of the steady window, MiB.</summary>
    public required double SteadyRssMiB { get; init; }

    /// <summary>Gets the operator's resident memory at the end of the idle window, MiB.</summary>
    public required double IdleRssMiB { get; init; }

    /// <summary>Gets the operator's peak resident memory (VmHWM) at the end, MiB.</summary>
    public required double PeakRssMiB { get; init; }

    /// <summary>Gets the simulator's resident memory at the end of the steady window, MiB.</summary>
    public required double SimulatorRssMiB { get; init; }

    /// <summary>Gets the 1-minute load average of the machine at the start and at the end.</summary>
    public required double[] LoadAverage { get; init; }
}
