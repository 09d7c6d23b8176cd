using System.CommandLine;

namespace SnapshotHa.Operator.Cli;

/// <summary>The options of the sandbox's scale mode.</summary>
/// <param name="Report">The <c>--scale-report</c> file; the mode is on when given.</param>
/// <param name="CycleInterval">The policy's maxInterval.</param>
/// <param name="Window">The steady and idle window length.</param>
/// <param name="Workers">Reconcile workers per controller (in-process operator only).</param>
/// <param name="InProcess">Run the operator inside the sandbox process instead of as its own <c>snapshotha operator</c> process.</param>
public sealed record SandboxScaleOptions(Option<string?> Report, Option<string> CycleInterval, Option<string> Window, Option<int?> Workers, Option<bool> InProcess);
