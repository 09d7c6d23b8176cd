using System.CommandLine;
using SnapshotHa.Operator.Policies;
using SnapshotHa.Operator.Text;

namespace SnapshotHa.Operator.Cli;

/// <summary><c>snapshotha plan</c>: the snapshot interval, expected RPO and RTO from the paper's availability model.</summary>
public static class PlanCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var snapshotTime = Text("--snapshot-time", "8s", "ct: how long creating a snapshot holds (stuns) the VM");
        var budget = Text("--budget", "1%", "Share of time snapshots may cost the VM: 1% or a range such as 8%-10%");
        var changeRate = Text("--change-rate", "0", "Bytes the guest writes per second (e.g. 2Mi)");
        var shipRate = Text("--ship-rate", "100Mi", "Bytes per second shipped from the datastore to the repository");
        var mergeRate = Text("--merge-rate", "400Mi", "Bytes per second merged into the committed image");
        var mergeOverhead = Text("--merge-overhead", "1s", "Fixed time of one merge (an empty delta)");
        var heartbeat = Text("--heartbeat-interval", "10s", "Heartbeat interval towards each host");
        var misses = new Option<int>("--misses") { Description = "Missed heartbeats before a host is declared failed", DefaultValueFactory = _ => 3 };
        var restore = Text("--restore-time", "1m", "rt: materialize, upload and register the image (0s with a standby)");
        var boot = Text("--boot-time", "30s", "st: power on and boot the recovered VM");
        var rpoTarget = new Option<string?>("--rpo-target") { Description = "Recovery point objective to aim for, such as 15m" };

        var command = new Command("plan", "Print the snapshot interval, expected RPO and RTO for a policy (paper §V model)");
        foreach (var option in new Option[] { snapshotTime, budget, changeRate, shipRate, mergeRate, mergeOverhead, heartbeat, misses, restore, boot, rpoTarget })
        {
            command.Options.Add(option);
        }

        command.SetAction(parse =>
        {
            try
            {
                var (low, high) = QuantityText.ParsePercentRange(parse.GetValue(budget)!, "--budget");
                var input = new PlanInput(
                    DurationText.Parse(parse.GetValue(snapshotTime)!, "--snapshot-time"),
                    low,
                    high,
                    QuantityText.ParseBytes(parse.GetValue(changeRate)!, "--change-rate"),
                    QuantityText.ParseBytes(parse.GetValue(shipRate)!, "--ship-rate"),
                    QuantityText.ParseBytes(parse.GetValue(mergeRate)!, "--merge-rate"),
                    DurationText.Parse(parse.GetValue(mergeOverhead)!, "--merge-overhead"),
                    DurationText.Parse(parse.GetValue(heartbeat)!, "--heartbeat-interval") * Math.Max(1, parse.GetValue(misses)),
                    DurationText.Parse(parse.GetValue(restore)!, "--restore-time"),
                    DurationText.Parse(parse.GetValue(boot)!, "--boot-time"),
                    parse.GetValue(rpoTarget) is { } rpo ? DurationText.Parse(rpo, "--rpo-target") : null);
                PlanReport.Write(parse.InvocationConfiguration.Output, input, HaPlanner.Compute(input));
                return 0;
            }
            catch (FormatException e)
            {
                parse.InvocationConfiguration.Error.WriteLine($"error: {e.Message}");
                return 2;
            }
        });
        return command;
    }

    private static Option<string> Text(string name, string defaultValue, string description) =>
        new(name) { Description = $"{description} (default {defaultValue})", DefaultValueFactory = _ => defaultValue };
}
