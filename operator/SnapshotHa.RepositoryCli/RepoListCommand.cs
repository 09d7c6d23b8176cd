using System.CommandLine;
using System.Globalization;

namespace SnapshotHa.RepositoryCli;

/// <summary><c>snapshotha repo ls</c>: one line per committed image.</summary>
public static class RepoListCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var repo = RepositoryCommandLine.RepoOption();
        var command = new Command("ls", "List committed images: id, series, sequence, point in time, parent, disks");
        command.Options.Add(repo);
        command.SetAction((parse, cancellationToken) => RepositoryCommandLine.RunAsync(parse, async (output, error) =>
        {
            using var repository = await RepositoryCommandLine.OpenAsync(parse.GetValue(repo)!, create: false, null, cancellationToken);
            var problems = 0;
            foreach (var image in repository.ListImages(message => { problems++; error.WriteLine($"warning: {message}"); }))
            {
                var when = image.PointInTime?.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture) ?? "-";
                var disks = string.Join(",", image.Disks.Select(d => $"{d.Key}:{d.Capacity}"));
                await output.WriteLineAsync($"{image.Id}  {image.Series}  {image.Sequence}  {when}  {image.Parent ?? "-"}  {disks}");
            }

            return problems == 0 ? 0 : RepositoryCommandLine.Failed;
        }));
        return command;
    }
}
