using System.Globalization;
using SnapshotHa.Operator.Policies;
using SnapshotHa.Operator.Text;

namespace SnapshotHa.Operator.Cli;

/// <summary>Writes a <see cref="Plan"/> as aligned lines a person reads and a script can grep.</summary>
public static class PlanReport
{
    /// <summary>Writes the plan for <paramref name="input"/> to <paramref name="output"/>.</summary>
    public static void Write(TextWriter output, PlanInput input, Plan plan)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(plan);
        var budget = input.BudgetLow == input.BudgetHigh ? Percent(input.BudgetLow) : $"{Percent(input.BudgetLow)}-{Percent(input.BudgetHigh)}";
        var minimum = plan.MinimumIntervalAtHighBudget == plan.MinimumIntervalAtLowBudget
            ? DurationText.Format(plan.MinimumIntervalAtHighBudget)
            : $"{DurationText.Format(plan.MinimumIntervalAtHighBudget)} - {DurationText.Format(plan.MinimumIntervalAtLowBudget)}";
        Line(output, "Snapshot time (ct)", DurationText.Format(input.SnapshotTime));
        Line(output, "Overhead budget", budget);
        Line(output, "Minimum interval", $"{minimum}   (ct / budget)");
        Line(output, "Interval", DurationText.Format(plan.Interval));
        Line(output, "Delta per interval", QuantityText.FormatBytes(plan.DeltaBytesPerInterval));
        Line(output, "Ship + merge (mt)", DurationText.Format(plan.ShipAndMergeTime));
        Line(output, "Worst-case RPO", DurationText.Format(plan.WorstCaseRpo));
        Line(output, "Average RPO", DurationText.Format(plan.AverageRpo));
        Line(output, "RTO", $"{DurationText.Format(plan.Rto)}   (detection {DurationText.Format(input.DetectionTime)} + merge in flight + restore {DurationText.Format(input.RestoreTime)} + boot {DurationText.Format(input.BootTime)})");
        if (input.RpoTarget is { } target)
        {
            Line(output, "RPO target", $"{DurationText.Format(target)}   {(plan.RpoTargetMet == true ? "met" : "NOT met: the budget does not allow snapshots that often")}");
        }
    }

    private static void Line(TextWriter output, string name, string value) => output.WriteLine($"{name,-20}{value}");

    private static string Percent(double fraction) => (fraction * 100).ToString("0.##", CultureInfo.InvariantCulture) + "%";
}
