using System.CommandLine;
using System.Globalization;
using SnapshotHa.Disks;
using SnapshotHa.Repository;
using SnapshotHa.Repository.Merging;

namespace SnapshotHa.RepositoryCli;

/// <summary>
/// <c>snapshotha merge</c>: the merge Job's entry point. Applies one layer per named disk onto a parent image (or
/// seeds a series) and prints the new image id as the last line of stdout.
/// </summary>
public static class MergeCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var repo = RepositoryCommandLine.RepoOption();
        var series = new Option<string>("--series") { Description = "Series (protected VM) the image belongs to", Required = true };
        var parent = new Option<string?>("--parent") { Description = "Parent image id; omit to seed the series from base disks" };
        var disks = new Option<string[]>("--disk")
        {
            Description = "KEY=LAYER: a VMDK descriptor, monolithic sparse file or datastore URL (https://HOST/folder/DIR/DISK.vmdk?dcPath=DC&dsName=DS) to apply to disk KEY (repeatable)",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var chains = new Option<string[]>("--disk-chain")
        {
            Description = "KEY=LAYER like --disk, but the layer is read with all its parents (the disk as seen through the whole chain; seeds)",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var resultFile = new Option<string?>("--result-file")
        {
            Description = "After the commit, write the outcome (manifest id, sizes, times) as JSON to this file atomically",
        };
        var pointInTime = new Option<string?>("--point-in-time") { Description = "RFC 3339 time the image restores to, e.g. 2026-01-31T12:00:00Z" };
        var compression = new Option<int>("--compression-level")
        {
            Description = "zstd level of new chunks, 0 = uncompressed (default 1)",
            DefaultValueFactory = _ => 1,
        };

        var fsyncEach = new Option<bool>("--fsync-each-object")
        {
            Description = "Loose-object stores only: fsync each new chunk as written instead of one syncfs before the commit (packs, the default, are fsynced once each)",
        };

        var vsphere = new VsphereCliOptions();
        var command = new Command("merge", "Merge snapshot layers into a new committed image; prints the image id last");
        foreach (var option in new Option[] { repo, series, parent, disks, chains, pointInTime, compression, fsyncEach, resultFile })
        {
            command.Options.Add(option);
        }

        vsphere.AddTo(command);

        command.SetAction((parse, cancellationToken) => RepositoryCommandLine.RunAsync(parse, async (output, error) =>
        {
            var layers = (parse.GetValue(disks) ?? []).Select(d => LayerArgument.Parse(d))
                .Concat((parse.GetValue(chains) ?? []).Select(d => LayerArgument.Parse(d, wholeChain: true)))
                .ToList();
            if (layers.Count == 0)
            {
                throw new ArgumentException("Name at least one layer with --disk KEY=LAYER or --disk-chain KEY=LAYER.");
            }

            var when = ParsePointInTime(parse.GetValue(pointInTime));
            var level = parse.GetValue(compression);
            if (level is < 0 or > 22)
            {
                throw new FormatException($"--compression-level {level} is outside 0..22.");
            }

            await using var datastores = new DatastoreConnections(parse, vsphere, error);
            var opened = new List<IDiskLayer>();
            var shipStarted = TimeProvider.System.GetTimestamp();
            try
            {
                var inputs = new List<LayerInput>();
                foreach (var layer in layers)
                {
                    var disk = await layer.OpenAsync(datastores, cancellationToken);
                    opened.Add(disk);
                    inputs.Add(new LayerInput(layer.Key, disk));
                }

                var shipped = TimeProvider.System.GetElapsedTime(shipStarted);
                var started = TimeProvider.System.GetTimestamp();
                using var repository = await RepositoryCommandLine.OpenAsync(parse.GetValue(repo)!, create: true, new RepositoryOptions { CompressionLevel = level, FsyncEachObject = parse.GetValue(fsyncEach) }, cancellationToken);
                var request = new MergeRequest(parse.GetValue(series)!, parse.GetValue(parent), inputs, when);
                var result = await repository.MergeAsync(request, new MergeProgressWriter(error, TimeProvider.System), cancellationToken);
                foreach (var disk in result.Disks)
                {
                    await error.WriteLineAsync(
                        $"{disk.Disk.Key}: {disk.ChunksTouched} chunks changed, {disk.ChunksStored} new ({disk.BytesStored} bytes stored), {disk.PagesStored} index pages");
                }

                var merged = TimeProvider.System.GetElapsedTime(started);
                await error.WriteLineAsync($"Merged image {result.Image.Id} in {merged.TotalMilliseconds:F0} ms");
                if (parse.GetValue(resultFile) is { } resultPath)
                {
                    await MergeResultFile.WriteAsync(
                        resultPath,
                        new MergeJobResult(
                            result.Image.Id,
                            result.Image.Disks.Sum(d => d.Capacity),
                            result.Disks.Sum(d => d.BytesApplied),
                            result.Disks.Sum(d => d.BytesStored),
                            Math.Round(shipped.TotalSeconds, 3),
                            Math.Round(merged.TotalSeconds, 3)),
                        cancellationToken);
                }

                await output.WriteLineAsync(result.Image.Id);
                return 0;
            }
            finally
            {
                foreach (var disk in opened)
                {
                    await disk.DisposeAsync();
                }
            }
        }));
        return command;
    }

    private static DateTimeOffset? ParsePointInTime(string? text)
    {
        if (text is null)
        {
            return null;
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var value) && text.Contains('T', StringComparison.OrdinalIgnoreCase)
            ? value
            : throw new FormatException($"--point-in-time '{text}' is not an RFC 3339 time such as 2026-01-31T12:00:00Z.");
    }
}
