using System.CommandLine;

namespace SnapshotHa.RepositoryCli;

/// <summary><c>snapshotha repo materialize</c>: write one disk of an image as a flat VMDK.</summary>
public static class RepoMaterializeCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var repo = RepositoryCommandLine.RepoOption();
        var image = new Option<string>("--image") { Description = "Image id", Required = true };
        var disk = new Option<string>("--disk") { Description = "Disk key", Required = true };
        var output = new Option<string>("--out") { Description = "Descriptor path PATH.vmdk; the extent PATH-flat.vmdk is written beside it", Required = true };
        var command = new Command("materialize", "Write a disk of an image as a monolithicFlat VMDK (descriptor + sparse extent)");
        foreach (var option in new Option[] { repo, image, disk, output })
        {
            command.Options.Add(option);
        }

        command.SetAction((parse, cancellationToken) => RepositoryCommandLine.RunAsync(parse, async (stdout, stderr) =>
        {
            var path = parse.GetValue(output)!;
            if (!path.EndsWith(".vmdk", StringComparison.OrdinalIgnoreCase))
            {
                throw new FormatException($"--out '{path}' must end in .vmdk.");
            }

            using var repository = await RepositoryCommandLine.OpenAsync(parse.GetValue(repo)!, create: false, null, cancellationToken);
            var extent = await repository.MaterializeAsync(parse.GetValue(image)!, parse.GetValue(disk)!, path, cancellationToken);
            await stderr.WriteLineAsync($"Wrote {path} and {extent}");
            return 0;
        }));
        return command;
    }
}
