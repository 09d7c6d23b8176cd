using System.CommandLine;
using SnapshotHa.Operator.Cli;

var root = new RootCommand("SnapshotHA: high availability for vSphere VMs by continuous snapshot shipping and merging.");
foreach (var command in CliCommands.All())
{
    root.Subcommands.Add(command);
}

return await root.Parse(args).InvokeAsync().ConfigureAwait(false);
