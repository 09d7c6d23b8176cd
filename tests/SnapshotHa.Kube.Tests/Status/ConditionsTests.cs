using k8s.Models;
using Microsoft.Extensions.Time.Testing;
using SnapshotHa.Kube.Status;

namespace SnapshotHa.Kube.Tests.Status;

public sealed class ConditionsTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 2, 3, 4, 5, 678, TimeSpan.Zero));
    private readonly List<V1Condition> _conditions = [];

    private static V1Condition Ready(string status, string reason = "Reconciled", string message = "ok", long generation = 1) =>
        new() { Type = "Ready", Status = status, Reason = reason, Message = message, ObservedGeneration = generation };

    [Fact]
    public void New_condition_gets_the_current_time_truncated_to_seconds()
    {
        _conditions.SetStatusCondition(Ready(ConditionStatus.True), _time).Should().BeTrue();

        _conditions.Should().ContainSingle();
        _conditions[0].LastTransitionTime.Should().Be(new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc));
        _conditions.IsStatusConditionTrue("Ready").Should().BeTrue();
    }

    [Fact]
    public void Reason_message_and_generation_changes_keep_the_transition_time()
    {
        _conditions.SetStatusCondition(Ready(ConditionStatus.True), _time);
        var first = _conditions[0].LastTransitionTime;
        _time.Advance(TimeSpan.FromMinutes(5));

        _conditions.SetStatusCondition(Ready(ConditionStatus.True, "StillFine", "better", 2), _time).Should().BeTrue();

        _conditions[0].LastTransitionTime.Should().Be(first);
        _conditions[0].Reason.Should().Be("StillFine");
        _conditions[0].Message.Should().Be("better");
        _conditions[0].ObservedGeneration.Should().Be(2);
    }

    [Fact]
    public void Status_change_moves_the_transition_time()
    {
        _conditions.SetStatusCondition(Ready(ConditionStatus.True), _time);
        _time.Advance(TimeSpan.FromMinutes(5));

        _conditions.SetStatusCondition(Ready(ConditionStatus.False, "Failed"), _time).Should().BeTrue();

        _conditions[0].LastTransitionTime.Should().Be(new DateTime(2026, 1, 2, 3, 9, 5, DateTimeKind.Utc));
        _conditions.IsStatusConditionFalse("Ready").Should().BeTrue();
    }

    [Fact]
    public void Identical_condition_is_no_change()
    {
        _conditions.SetStatusCondition(Ready(ConditionStatus.True), _time);
        _time.Advance(TimeSpan.FromMinutes(1));

        _conditions.SetStatusCondition(Ready(ConditionStatus.True), _time).Should().BeFalse();
    }

    [Fact]
    public void Remove_and_find()
    {
        _conditions.SetStatusCondition(Ready(ConditionStatus.Unknown), _time);

        _conditions.FindStatusCondition("Ready").Should().NotBeNull();
        _conditions.IsStatusConditionPresentAndEqual("Ready", ConditionStatus.Unknown).Should().BeTrue();
        _conditions.RemoveStatusCondition("Ready").Should().BeTrue();
        _conditions.RemoveStatusCondition("Ready").Should().BeFalse();
        _conditions.FindStatusCondition("Ready").Should().BeNull();
        ((IEnumerable<V1Condition>?)null).IsStatusConditionTrue("Ready").Should().BeFalse();
    }

    [Fact]
    public void Missing_type_or_status_is_rejected_with_the_field_named()
    {
        FluentActions.Invoking(() => _conditions.SetStatusCondition(new V1Condition { Status = "True" }, _time))
            .Should().Throw<ArgumentException>().WithMessage("*type*");
        FluentActions.Invoking(() => _conditions.SetStatusCondition(new V1Condition { Type = "Ready" }, _time))
            .Should().Throw<ArgumentException>().WithMessage("*status*");
    }
}
