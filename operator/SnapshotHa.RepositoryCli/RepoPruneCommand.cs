using System.CommandLine;
using SnapshotHa.Repository;
using SnapshotHa.Repository.Maintenance;

namespace SnapshotHa.RepositoryCli;

/// <summary><c>snapshotha repo prune</c>: drop images by retention, then collect unreferenced objects.</summary>
public static class RepoPruneCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var repo = RepositoryCommandLine.RepoOption();
        var keepLast = new Option<int?>("--keep-last") { Description = "Keep the newest N images of each series" };
        var keepWithin = new Option<string?>("--keep-within") { Description = "Keep images whose point in time is within this span, e.g. 24h" };
        var grace = new Option<string>("--grace")
        {
            Description = "Keep unreferenced objects younger than this (protects merges that do not hold the lock; default 1h)",
            DefaultValueFactory = _ => "1h",
        };
        var dryRun = new Option<bool>("--dry-run") { Description = "Only print the images that would be removed" };
        var command = new Command("prune", "Remove images by retention (the newest of each series is always kept) and collect garbage");
        foreach (var option in new Option[] { repo, keepLast, keepWithin, grace, dryRun })
        {
            command.Options.Add(option);
        }

        command.SetAction((parse, cancellationToken) => RepositoryCommandLine.RunAsync(parse, async (output, error) =>
        {
            var last = parse.GetValue(keepLast);
            var within = parse.GetValue(keepWithin) is { } text ? DurationArgument.Parse(text, "--keep-within") : (TimeSpan?)null;
            if (last is null && within is null)
            {
                throw new FormatException("Give --keep-last and/or --keep-within.");
            }

            if (last is < 1)
            {
                throw new FormatException($"--keep-last {last} must be at least 1.");
            }

            var options = new RepositoryOptions { GarbageGracePeriod = DurationArgument.Parse(parse.GetValue(grace)!, "--grace") };
            using var repository = await RepositoryCommandLine.OpenAsync(parse.GetValue(repo)!, create: false, options, cancellationToken);
            var report = await repository.PruneAsync(new RetentionPolicy(last, within), parse.GetValue(dryRun), cancellationToken);
            foreach (var id in report.Removed)
            {
                await output.WriteLineAsync($"{(report.Garbage is null ? "would remove" : "removed")} {id}");
            }

            if (report.Garbage is { } garbage)
            {
                await error.WriteLineAsync(
                    $"Collected {garbage.Deleted} objects ({garbage.BytesFreed} bytes); {garbage.Referenced} referenced, {garbage.KeptYoung} kept within the grace period");
            }

            return 0;
        }));
        return command;
    }
}
