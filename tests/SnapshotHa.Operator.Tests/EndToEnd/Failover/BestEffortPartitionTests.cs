using SnapshotHa.Api.Failovers;
using SnapshotHa.Api.Policies;

namespace SnapshotHa.Operator.Tests.EndToEnd.Failover;

/// <summary>BestEffort fencing in a partition: the failover goes on unfenced, and the original is powered off once its host answers.</summary>
public sealed class BestEffortPartitionTests
{
    [Fact]
    public async Task An_unfenced_BestEffort_failover_powers_the_original_off_when_its_host_answers_again()
    {
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await using var sandbox = await FailoverSandbox.StartAsync(
            2, new FailoverPolicySpec { Fencing = FencingMode.BestEffort, GracePeriod = "1s" }, 0, cancellation.Token);
        var control = sandbox.Environment.Simulator.Control;
        await sandbox.Environment.Workload.StopAsync();

        await control.PartitionAsync(sandbox.Vm.Host, cancellation.Token);
        var failover = await sandbox.WaitForFailoverAsync(FailoverPhase.Succeeded, TimeSpan.FromSeconds(60));
        failover.Status!.Conditions.Should().Contain(c => c.Type == FailoverConditions.Fenced && c.Status == "False" && c.Reason == FailoverConditions.ReasonUnconfirmed);
        (await sandbox.RunningCopiesAsync(cancellation.Token)).Should().HaveCount(2, "BestEffort accepts two running copies while the partition lasts");

        await control.HealAsync(sandbox.Vm.Host, cancellation.Token);
        await SandboxFixture.WaitUntilAsync(
            async () => (await sandbox.FailoverAsync(failover.Metadata.Name))!.Status!.Conditions!.Any(c => c.Type == FailoverConditions.Fenced && c.Status == "True"),
            TimeSpan.FromSeconds(30),
            "the original is fenced after the partition heals");

        var fenced = (await sandbox.FailoverAsync(failover.Metadata.Name))!.Status!.Conditions!.Single(c => c.Type == FailoverConditions.Fenced);
        fenced.Reason.Should().Be(FailoverConditions.ReasonPoweredOffLate);
        (await sandbox.RunningCopiesAsync(cancellation.Token)).Should().ContainSingle().Which["moref"]!.GetValue<string>().Should().Be(failover.Status.RecoveredVm!.Moref);
    }
}
