using SnapshotHa.Api.Policies;

namespace SnapshotHa.Operator.Cli;

/// <summary>The options of one <c>snapshotha sandbox</c> run, as given on the command line (validated by <see cref="SandboxRun"/>).</summary>
/// <param name="KubeconfigPath">Where to write the kubeconfig.</param>
/// <param name="Duration">The <c>--for</c> value, or null to run until Ctrl-C.</param>
/// <param name="Vms">The number of VMs.</param>
/// <param name="DisksPerVm">The disks per VM.</param>
/// <param name="Executor">Where merges run.</param>
/// <param name="MetricsPort">The <c>--metrics-port</c> value, or null for any free port.</param>
/// <param name="Hosts">The number of simulated hosts (more than one for failovers to another host).</param>
public sealed record SandboxRunRequest(
    string KubeconfigPath, string? Duration, int Vms, int DisksPerVm, MergeExecutor Executor, int? MetricsPort, int Hosts);
