using System.CommandLine;

namespace SnapshotHa.RepositoryCli;

/// <summary><c>snapshotha repo</c>: inspect and maintain an image repository.</summary>
public static class RepoCommand
{
    /// <summary>Creates the command with its subcommands.</summary>
    public static Command Create()
    {
        var command = new Command("repo", "Inspect and maintain an image repository");
        command.Subcommands.Add(RepoListCommand.Create());
        command.Subcommands.Add(RepoMaterializeCommand.Create());
        command.Subcommands.Add(RepoVerifyCommand.Create());
        command.Subcommands.Add(RepoPruneCommand.Create());
        command.Subcommands.Add(RepoSyncCommand.Create());
        return command;
    }
}
