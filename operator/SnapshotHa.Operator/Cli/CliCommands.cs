using System.CommandLine;
using SnapshotHa.RepositoryCli;

namespace SnapshotHa.Operator.Cli;

/// <summary>The subcommands of the <c>snapshotha</c> executable, one factory per command.</summary>
public static class CliCommands
{
    /// <summary>Creates every subcommand, in the order <c>snapshotha --help</c> lists them.</summary>
    public static IEnumerable<Command> All()
    {
        yield return SandboxCommand.Create();
        yield return OperatorCommand.Create();
        yield return PlanCommand.Create();
        yield return ManifestsCommand.Create();
        yield return MergeCommand.Create();
        yield return RepoCommand.Create();
    }
}
