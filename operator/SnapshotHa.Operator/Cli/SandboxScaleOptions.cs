using System.CommandLine;

namespace SnapshotHa.Operator.Cli;

/// <summary>The options of the sandbox's scale mode.</summary>
/// <param name="Report">The <c>--scale-report</c> file; the mode is on when given.</param>
/// <param name="CycleInterval">The policy's maxInterval.</param>
/// <param name="Window">The steady and idle window length.</param>
/// <param name="Workers">Reconcile workers per controller.</param>
public sealed record SandboxScaleOptions(Option<string?> Report, Option<string> CycleInterval, Option<string> Window, Option<int?> Workers);
