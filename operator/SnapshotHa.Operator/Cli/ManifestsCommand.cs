using System.CommandLine;
using SnapshotHa.Api.Rbac;
using SnapshotHa.Kube.Crds;
using SnapshotHa.Kube.Rbac;

namespace SnapshotHa.Operator.Cli;

/// <summary><c>snapshotha manifests</c>: writes the CRDs and RBAC generated from the resource types, and the Helm chart's copies.</summary>
public static class ManifestsCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var output = new Option<DirectoryInfo>("--output")
        {
            Description = "Repository root to write crds/, config/ and charts/ under (default: the current directory).",
            DefaultValueFactory = _ => new DirectoryInfo(Directory.GetCurrentDirectory()),
        };
        var command = new Command("manifests", "Write the CRDs (crds/), the operator's RBAC (config/rbac/) and the Helm chart's copies of both (charts/snapshot-ha/), generated from the resource types.");
        command.Options.Add(output);
        command.SetAction(parseResult =>
        {
            var root = parseResult.GetValue(output)!;
            var files = OperatorManifests.Render(typeof(OperatorPermissions).Assembly, OperatorIdentity.Default);
            foreach (var path in OperatorManifests.Write(files, root.FullName))
            {
                parseResult.InvocationConfiguration.Output.WriteLine($"wrote {Path.GetRelativePath(root.FullName, path)}");
            }

            return 0;
        });
        return command;
    }
}
