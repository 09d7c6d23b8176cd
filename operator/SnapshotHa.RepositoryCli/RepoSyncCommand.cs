using System.CommandLine;
using SnapshotHa.Repository.Sync;

namespace SnapshotHa.RepositoryCli;

/// <summary><c>snapshotha repo sync</c>: copy images to a secondary repository (a directory or an S3 bucket).</summary>
public static class RepoSyncCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var repo = RepositoryCommandLine.RepoOption();
        var to = new Option<string>("--to")
        {
            Description = "Target: a directory, or s3://bucket/prefix (endpoint and keys from AWS_ENDPOINT_URL, AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY)",
            Required = true,
        };
        var image = new Option<string?>("--image") { Description = "Sync only this image (default: every image)" };
        var parallel = new Option<int>("--parallel") { Description = "Concurrent uploads (default 4)", DefaultValueFactory = _ => 4 };
        var command = new Command("sync", "Copy images and the objects they need, and nothing already there, to a secondary repository; resumable");
        foreach (var option in new Option[] { repo, to, image, parallel })
        {
            command.Options.Add(option);
        }

        command.SetAction((parse, cancellationToken) => RepositoryCommandLine.RunAsync(parse, async (output, error) =>
        {
            var destination = parse.GetValue(to)!;
            if (parse.GetValue(parallel) is < 1 or > 64)
            {
                throw new FormatException($"--parallel {parse.GetValue(parallel)} is outside 1..64.");
            }

            using var repository = await RepositoryCommandLine.OpenAsync(parse.GetValue(repo)!, create: false, null, cancellationToken);
            using ISyncTarget target = destination.StartsWith("s3://", StringComparison.Ordinal)
                ? S3SyncTarget.FromEnvironment(destination)
                : new DirectorySyncTarget(destination);
            var sync = new RepositorySync(repository, target) { Parallelism = parse.GetValue(parallel) };
            var report = await sync.SyncAsync(parse.GetValue(image), null, cancellationToken);
            await output.WriteLineAsync(
                $"Synced to {target.Name}: {report.ImagesCopied} images copied, {report.ImagesPresent} present; " +
                $"{report.ObjectsCopied} objects copied ({report.BytesCopied} bytes), {report.ObjectsPresent} present");
            return 0;
        }));
        return command;
    }
}
