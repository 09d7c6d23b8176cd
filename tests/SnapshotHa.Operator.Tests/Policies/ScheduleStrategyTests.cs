using CsCheck;
using SnapshotHa.Operator.Policies;

namespace SnapshotHa.Operator.Tests.Policies;

public class ScheduleStrategyTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);

    private static ScheduleSettings Settings(ScheduleMode mode, long? threshold = null, double? budget = null, TimeSpan? rpo = null) =>
        new(mode, TimeSpan.FromMinutes(15), threshold, budget, TimeSpan.FromMinutes(5), TimeSpan.FromHours(1), rpo);

    [Fact]
    public void Interval_takes_the_first_snapshot_at_once_then_waits_the_period()
    {
        var strategy = new IntervalStrategy();
        var settings = Settings(ScheduleMode.Interval);

        strategy.Decide(settings, new ScheduleInput(T0, null, 0, null)).SnapshotNow.Should().BeTrue();
        var waiting = strategy.Decide(settings, new ScheduleInput(T0.AddMinutes(10), T0, 0, null));
        waiting.SnapshotNow.Should().BeFalse();
        waiting.NextCheckAt.Should().Be(T0.AddMinutes(15));
        strategy.Decide(settings, new ScheduleInput(T0.AddMinutes(15), T0, 0, null)).SnapshotNow.Should().BeTrue();
    }

    [Fact]
    public void Delta_threshold_fires_on_size_but_not_before_the_minimum_interval()
    {
        var strategy = new DeltaThresholdStrategy();
        var settings = Settings(ScheduleMode.DeltaThreshold, threshold: 1 << 30);

        var tooEarly = strategy.Decide(settings, new ScheduleInput(T0.AddMinutes(2), T0, 2L << 30, null));
        tooEarly.SnapshotNow.Should().BeFalse();
        tooEarly.NextCheckAt.Should().Be(T0.AddMinutes(5));
        var due = strategy.Decide(settings, new ScheduleInput(T0.AddMinutes(6), T0, 2L << 30, null));
        due.SnapshotNow.Should().BeTrue();
        due.Reason.Should().Be("DeltaThresholdExceeded");
    }

    [Fact]
    public void Delta_threshold_below_the_size_watches_the_delta_until_the_maximum_interval()
    {
        var strategy = new DeltaThresholdStrategy();
        var settings = Settings(ScheduleMode.DeltaThreshold, threshold: 1 << 30);

        var waiting = strategy.Decide(settings, new ScheduleInput(T0.AddMinutes(10), T0, 1 << 20, null));
        waiting.SnapshotNow.Should().BeFalse();
        waiting.WatchesDelta.Should().BeTrue();
        waiting.NextCheckAt.Should().Be(T0.AddMinutes(10) + DeltaThresholdStrategy.PollInterval, "the next poll");
        waiting.DueBy.Should().Be(T0.AddHours(1));
        waiting.PlannedAt.Should().Be(T0.AddHours(1), "the planned snapshot is the maximum interval's");

        var last = strategy.Decide(settings, new ScheduleInput(T0.AddMinutes(59.9), T0, 1 << 20, null));
        last.WatchesDelta.Should().BeFalse("no poll falls before the maximum interval");
        last.NextCheckAt.Should().Be(T0.AddHours(1));
    }

    [Fact]
    public void Delta_threshold_fires_at_the_maximum_interval_even_without_changes()
    {
        var decision = new DeltaThresholdStrategy().Decide(
            Settings(ScheduleMode.DeltaThreshold, threshold: 1 << 30), new ScheduleInput(T0.AddHours(1), T0, 0, null));

        decision.SnapshotNow.Should().BeTrue();
        decision.Reason.Should().Be("MaxIntervalElapsed");
    }

    [Fact]
    public void Delta_threshold_without_a_threshold_names_the_field()
    {
        var act = () => new DeltaThresholdStrategy().Decide(Settings(ScheduleMode.DeltaThreshold), new ScheduleInput(T0, T0, 0, null));

        act.Should().Throw<ArgumentException>().WithMessage("*schedule.deltaThresholdBytes*");
    }

    [Fact]
    public void Adaptive_interval_respects_the_budget_and_the_bounds()
    {
        Gen.Select(Gen.Int[1, 600], Gen.Int[1, 100], Gen.Int[1, 240]).Sample((stunSeconds, budgetPercent, rpoMinutes) =>
        {
            var settings = Settings(ScheduleMode.Adaptive, budget: budgetPercent / 100.0, rpo: TimeSpan.FromMinutes(rpoMinutes));
            var interval = AdaptiveStrategy.EffectiveInterval(settings, TimeSpan.FromSeconds(stunSeconds));
            var floor = ScheduleMath.MinimumInterval(TimeSpan.FromSeconds(stunSeconds), budgetPercent / 100.0);

            interval.Should().BeGreaterThanOrEqualTo(settings.MinInterval);
            if (floor <= settings.MaxInterval)
            {
                interval.Should().BeGreaterThanOrEqualTo(floor).And.BeLessThanOrEqualTo(settings.MaxInterval);
            }
        });
    }

    [Fact]
    public void Adaptive_tightens_to_the_rpo_target_when_the_budget_allows()
    {
        var settings = Settings(ScheduleMode.Adaptive, budget: 0.10, rpo: TimeSpan.FromMinutes(6));

        AdaptiveStrategy.EffectiveInterval(settings, TimeSpan.FromSeconds(5)).Should().Be(TimeSpan.FromMinutes(6));
        AdaptiveStrategy.EffectiveInterval(settings, TimeSpan.FromSeconds(60)).Should().Be(TimeSpan.FromMinutes(10));
    }

    [Fact]
    public void Built_in_strategies_cover_every_mode()
    {
        foreach (var mode in Enum.GetValues<ScheduleMode>())
        {
            ScheduleStrategies.BuiltIn.For(mode).Mode.Should().Be(mode);
        }
    }
}
