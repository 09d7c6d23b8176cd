using System.CommandLine;
using SnapshotHa.RepositoryCli;

namespace SnapshotHa.Native;

/// <summary>The commands the native <c>snapshotha</c> runs itself, with the operator's exit-code contract.</summary>
public static class NativeCli
{
    /// <summary>Creates the root command holding <c>merge</c> and <c>repo</c>.</summary>
    public static RootCommand CreateRoot()
    {
        var root = new RootCommand(
            "SnapshotHA merge and repository commands (native). The other commands run in the managed operator executable "
            + $"at ${FrontDispatch.OperatorVariable} or operator/snapshotha beside this binary.");
        root.Subcommands.Add(MergeCommand.Create());
        root.Subcommands.Add(RepoCommand.Create());
        return root;
    }

    /// <summary>Parses and runs <paramref name="args"/>; a parse error prints the usage and exits 2, as in the operator.</summary>
    /// <param name="args">The command-line arguments.</param>
    /// <param name="configuration">Output and error writers; the console when null.</param>
    /// <returns>The process exit code.</returns>
    public static async Task<int> RunAsync(string[] args, InvocationConfiguration? configuration = null)
    {
        var parsed = CreateRoot().Parse(args);
        var code = await parsed.InvokeAsync(configuration);
        return parsed.Errors.Count > 0 ? RepositoryCommandLine.BadInput : code;
    }
}
