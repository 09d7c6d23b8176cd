using System.CommandLine;

namespace SnapshotHa.RepositoryCli;

/// <summary><c>snapshotha repo verify</c>: re-hash every chunk and index page the images reference.</summary>
public static class RepoVerifyCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var repo = RepositoryCommandLine.RepoOption();
        var image = new Option<string?>("--image") { Description = "Verify only this image (default: every image)" };
        var command = new Command("verify", "Re-hash every referenced chunk and index page; exit 0 only if all are intact");
        command.Options.Add(repo);
        command.Options.Add(image);
        command.SetAction((parse, cancellationToken) => RepositoryCommandLine.RunAsync(parse, async (output, error) =>
        {
            using var repository = await RepositoryCommandLine.OpenAsync(parse.GetValue(repo)!, create: false, null, cancellationToken);
            var report = repository.Verify(parse.GetValue(image), cancellationToken);
            foreach (var problem in report.Problems)
            {
                await error.WriteLineAsync($"corrupt: {problem}");
            }

            await output.WriteLineAsync(
                $"{(report.Ok ? "OK" : "FAILED")}: {report.Images} images, {report.Pages} index pages, {report.Chunks} chunks, {report.Problems.Count} problems");
            return report.Ok ? 0 : RepositoryCommandLine.Failed;
        }));
        return command;
    }
}
