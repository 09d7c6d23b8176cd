using SnapshotHa.Api.Images;
using SnapshotHa.Api.Protection;
using SnapshotHa.Kube.Client;
using Spectre.Console;

namespace SnapshotHa.Operator.SandboxRuntime;

/// <summary>Shows sandbox progress: a live Spectre.Console table on a terminal, plain changed lines otherwise.</summary>
/// <param name="client">Reads the resources.</param>
/// <param name="writer">Where plain lines go.</param>
/// <param name="timeProvider">Paces the refresh.</param>
public sealed class SandboxProgress(IKubernetesClient client, TextWriter writer, TimeProvider timeProvider)
{
    /// <summary>Refreshes once a second until cancelled.</summary>
    /// <param name="live">True for the live table, false for plain lines.</param>
    /// <param name="cancellationToken">Stops the display.</param>
    /// <param name="caption">The live table's caption, read at every refresh (e.g. the keys and the last key's effect).</param>
    /// <returns>A task that completes when cancelled.</returns>
    public async Task RunAsync(bool live, CancellationToken cancellationToken, Func<string>? caption = null)
    {
        if (!live)
        {
            var last = new Dictionary<string, string>(StringComparer.Ordinal);
            await LoopAsync(
                rows =>
                {
                    foreach (var row in rows)
                    {
                        var line = row.ToLine();
                        if (!last.TryGetValue(row.Name, out var previous) || previous != line)
                        {
                            last[row.Name] = line;
                            writer.WriteLine($"{timeProvider.GetUtcNow():HH:mm:ss} {line}");
                        }
                    }
                },
                cancellationToken);
            return;
        }

        var table = NewTable();
        await AnsiConsole.Live(table).StartAsync(async context =>
            await LoopAsync(
                rows =>
                {
                    table.Rows.Clear();
                    foreach (var row in rows)
                    {
                        table.AddRow(
                            Markup.Escape(row.Name),
                            Markup.Escape(row.Phase),
                            Markup.Escape(row.Step),
                            row.Disks.ToString(System.Globalization.CultureInfo.InvariantCulture),
                            row.RpoSeconds?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-",
                            Markup.Escape(row.LatestImage),
                            row.Images.ToString(System.Globalization.CultureInfo.InvariantCulture),
                            row.MergeSeconds is { } m ? $"{m:0.000} s" : "-",
                            row.MegabytesPerSecond is { } r ? $"{r:0.0} MB/s" : "-");
                    }

                    if (caption is not null)
                    {
                        table.Caption(Markup.Escape(caption()));
                    }

                    context.Refresh();
                },
                cancellationToken));
    }

    private static Table NewTable() => new Table()
        .Title("SnapshotHA sandbox — protected VMs")
        .AddColumns("ProtectedVM", "Phase", "Step", "Disks", "RPO (s)", "Latest image", "Images", "Last merge", "Throughput");

    private async Task LoopAsync(Action<IReadOnlyList<ProtectionRow>> show, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                var pvms = await client.ListAsync<ProtectedVM>(null, cancellationToken: cancellationToken);
                var images = await client.ListAsync<RecoveryImage>(null, cancellationToken: cancellationToken);
                show(ProtectionRow.From(pvms, [.. images]));
                await Task.Delay(TimeSpan.FromSeconds(1), timeProvider, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
