using SnapshotHa.Operator.Policies;

namespace SnapshotHa.Operator.Tests.Policies;

public class HaPlannerTests
{
    private static PlanInput Input(TimeSpan ct, double low, double high, TimeSpan? rpo = null, double changeRate = 0) =>
        new(ct, low, high, changeRate, 100 << 20, 400 << 20, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30),
            TimeSpan.FromMinutes(1), TimeSpan.FromSeconds(30), rpo);

    [Fact]
    public void Paper_example_five_second_snapshot_at_one_percent_needs_at_least_eight_minutes()
    {
        var plan = HaPlanner.Compute(Input(TimeSpan.FromSeconds(5), 0.01, 0.01));

        plan.MinimumIntervalAtHighBudget.Should().Be(TimeSpan.FromSeconds(500));
        plan.Interval.Should().BeGreaterThanOrEqualTo(TimeSpan.FromMinutes(8));
    }

    [Fact]
    public void Paper_example_sixty_second_hold_at_eight_to_ten_percent_gives_ten_to_twelve_minutes()
    {
        var plan = HaPlanner.Compute(Input(TimeSpan.FromSeconds(60), 0.08, 0.10));

        plan.MinimumIntervalAtHighBudget.Should().Be(TimeSpan.FromMinutes(10));
        plan.MinimumIntervalAtLowBudget.Should().Be(TimeSpan.FromMinutes(12.5));
    }

    [Fact]
    public void Worst_case_rpo_is_interval_plus_snapshot_plus_ship_and_merge()
    {
        var plan = HaPlanner.Compute(Input(TimeSpan.FromSeconds(10), 0.05, 0.05, changeRate: 1 << 20));

        plan.WorstCaseRpo.Should().Be(plan.Interval + TimeSpan.FromSeconds(10) + plan.ShipAndMergeTime);
        plan.DeltaBytesPerInterval.Should().BeApproximately(plan.Interval.TotalSeconds * (1 << 20), 1);
    }

    [Fact]
    public void Reachable_rpo_target_is_met_and_unreachable_one_is_reported()
    {
        var reachable = HaPlanner.Compute(Input(TimeSpan.FromSeconds(5), 0.01, 0.01, TimeSpan.FromMinutes(30), 1 << 20));
        var unreachable = HaPlanner.Compute(Input(TimeSpan.FromSeconds(60), 0.01, 0.01, TimeSpan.FromMinutes(5)));

        reachable.RpoTargetMet.Should().BeTrue();
        reachable.WorstCaseRpo.Should().BeLessThanOrEqualTo(TimeSpan.FromMinutes(30));
        unreachable.RpoTargetMet.Should().BeFalse();
        unreachable.Interval.Should().Be(TimeSpan.FromMinutes(100));
    }

    [Fact]
    public void Rto_adds_detection_commit_restore_and_boot()
    {
        var plan = HaPlanner.Compute(Input(TimeSpan.FromSeconds(5), 0.01, 0.01));

        plan.Rto.Should().Be(TimeSpan.FromSeconds(30) + plan.ShipAndMergeTime + TimeSpan.FromMinutes(1) + TimeSpan.FromSeconds(30));
    }
}
