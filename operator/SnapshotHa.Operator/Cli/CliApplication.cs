using System.CommandLine;

namespace SnapshotHa.Operator.Cli;

/// <summary>The <c>snapshotha</c> command line: every subcommand under one root, with our exit-code contract.</summary>
public static class CliApplication
{
    /// <summary>The exit code of a usage error: an unknown option, a missing or malformed value.</summary>
    public const int UsageErrorExitCode = 2;

    /// <summary>Creates the root command with every subcommand of <see cref="CliCommands.All"/>.</summary>
    /// <returns>The root command.</returns>
    public static RootCommand CreateRoot()
    {
        var root = new RootCommand("SnapshotHA: high availability for vSphere VMs by continuous snapshot shipping and merging.");
        foreach (var command in CliCommands.All())
        {
            root.Subcommands.Add(command);
        }

        return root;
    }

    /// <summary>
    /// Parses and runs <paramref name="args"/>. Parse errors are printed with the usage and exit with
    /// <see cref="UsageErrorExitCode"/>, like the commands' own bad-input errors; otherwise the command's exit code.
    /// </summary>
    /// <param name="args">The command-line arguments.</param>
    /// <param name="configuration">Output and error writers; the console when null.</param>
    /// <returns>The process exit code.</returns>
    public static async Task<int> RunAsync(string[] args, InvocationConfiguration? configuration = null)
    {
        var parsed = CreateRoot().Parse(args);
        var code = await parsed.InvokeAsync(configuration).ConfigureAwait(false);
        return parsed.Errors.Count > 0 ? UsageErrorExitCode : code;
    }
}
