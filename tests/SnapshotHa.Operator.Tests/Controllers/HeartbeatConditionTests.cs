using SnapshotHa.Api.Endpoints;
using SnapshotHa.Api.Protection;
using SnapshotHa.Kube.Status;
using SnapshotHa.Operator.Controllers.Endpoints;
using SnapshotHa.Operator.Controllers.Protection;

namespace SnapshotHa.Operator.Tests.Controllers;

public sealed class HeartbeatConditionTests
{
    [Theory]
    [InlineData(1, 3)]
    [InlineData(2, 3)]
    [InlineData(4, 5)]
    public void Misses_below_the_threshold_keep_HeartbeatHealthy_true_and_count_them(int misses, int threshold)
    {
        var condition = Apply(misses, threshold);

        condition.Status.Should().Be("True");
        condition.Reason.Should().Be(ProtectedVMConditions.ReasonHeartbeatsMissed);
        condition.Message.Should().Contain($"missed {misses} of {threshold}").And.Contain("probe timed out");
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(3, 3)]
    [InlineData(7, 3)]
    public void Misses_reaching_the_threshold_turn_HeartbeatHealthy_false_with_the_count(int misses, int threshold)
    {
        var condition = Apply(misses, threshold);

        condition.Status.Should().Be("False");
        condition.Reason.Should().Be(ProtectedVMConditions.ReasonHostNotResponding);
        condition.Message.Should().Contain($"missed {misses} consecutive heartbeats").And.Contain($"threshold {threshold}");
    }

    [Fact]
    public void A_host_answering_is_healthy()
    {
        var condition = Apply(0, 3);

        condition.Status.Should().Be("True");
        condition.Reason.Should().Be(ProtectedVMConditions.ReasonHostResponding);
    }

    [Fact]
    public void IsRecorded_holds_exactly_when_applying_would_change_nothing()
    {
        var pvm = new ProtectedVM { Metadata = new() { Name = "vm", NamespaceProperty = "default", Generation = 1 }, Status = new ProtectedVMStatus() };
        HeartbeatCondition.IsRecorded(pvm, Heartbeat(0, 3)).Should().BeFalse("nothing is recorded yet");
        HeartbeatCondition.Apply(pvm, Heartbeat(0, 3), TimeProvider.System);

        HeartbeatCondition.IsRecorded(pvm, Heartbeat(0, 3)).Should().BeTrue();
        HeartbeatCondition.IsRecorded(pvm, Heartbeat(1, 3)).Should().BeFalse("one miss changes the message");
        HeartbeatCondition.IsRecorded(pvm, Heartbeat(3, 3)).Should().BeFalse("a failed host changes the status");
    }

    private static k8s.Models.V1Condition Apply(int misses, int threshold)
    {
        var pvm = new ProtectedVM { Metadata = new() { Name = "vm", NamespaceProperty = "default", Generation = 1 }, Status = new ProtectedVMStatus() };
        HeartbeatCondition.Apply(pvm, Heartbeat(misses, threshold), TimeProvider.System);
        return pvm.Status.Conditions.FindStatusCondition(ProtectedVMConditions.HeartbeatHealthy)!;
    }

    internal static HostHeartbeat Heartbeat(int misses, int threshold) => new(
        "host-1", "esx-1", misses == 0 ? HostConnectionState.Connected : HostConnectionState.NotResponding, false, null, misses,
        misses == 0 ? null : "probe timed out", threshold);
}
