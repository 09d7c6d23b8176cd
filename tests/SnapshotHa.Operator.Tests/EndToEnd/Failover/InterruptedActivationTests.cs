using SnapshotHa.Api.Common;
using SnapshotHa.Api.Failovers;
using SnapshotHa.Api.Policies;
using SnapshotHa.Kube.Status;

namespace SnapshotHa.Operator.Tests.EndToEnd.Failover;

/// <summary>
/// The last two writes of a failover are the ProtectedVM's move to the recovered VM and then the failover's
/// Succeeded. An operator that stops between them must, when it starts again, finish the failover with the VM it
/// already created and powered on: no second VM, no second failover, and protection goes on from the recovered VM.
/// </summary>
public sealed class InterruptedActivationTests
{
    [Fact]
    public async Task An_operator_stopped_after_moving_the_ProtectedVM_and_before_Succeeded_finishes_with_the_same_VM()
    {
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await using var sandbox = await FailoverSandbox.StartAsync(
            2, new FailoverPolicySpec { Fencing = FencingMode.Required, GracePeriod = "1s" }, 1, cancellation.Token);
        var environment = sandbox.Environment;
        var control = environment.Simulator.Control;
        await environment.Workload.StopAsync();

        // The recovered VM's power-on is held 5 s: time to make the failover's next status writes fail, so the
        // failover stays in PoweringOn after the ProtectedVM was moved.
        await control.AddFaultAsync(new { kind = "delay", method = "PowerOnVM_Task", ms = 5000 }, cancellation.Token);
        await control.CrashVmAsync(sandbox.Vm.Moref, cancellation.Token);
        var powering = await sandbox.WaitForFailoverAsync(FailoverPhase.PoweringOn, TimeSpan.FromSeconds(60));
        await SandboxFixture.WaitUntilAsync(
            async () => (powering = (await sandbox.FailoverAsync(powering.Metadata.Name))!).Status?.RecoveredVm?.Moref is not null,
            TimeSpan.FromSeconds(30),
            "the failover names the VM it created");
        var recovered = powering.Status!.RecoveredVm!.Moref!;
        var statusPath = $"/apis/{ApiGroup.Group}/{ApiGroup.Version}/namespaces/default/failovers/{powering.Metadata.Name}/status";
        environment.Server.FailNext("PUT", statusPath, 503, times: 100_000);
        await SandboxFixture.WaitUntilAsync(
            async () => (await sandbox.PvmAsync()).Status?.RecoveredVm?.Moref == recovered,
            TimeSpan.FromSeconds(30),
            "the ProtectedVM was moved to the recovered VM");
        (await sandbox.FailoverAsync(powering.Metadata.Name))!.Status!.Phase.Should().Be(FailoverPhase.PoweringOn, "its Succeeded write failed");

        await environment.StopOperatorAsync();
        environment.Server.ClearFaults();
        await environment.StartOperatorAsync(null, cancellation.Token);
        var failover = await sandbox.WaitForFailoverAsync(powering.Metadata.Name, FailoverPhase.Succeeded, TimeSpan.FromSeconds(60));

        failover.Status!.RecoveredVm!.Moref.Should().Be(recovered, "the VM created before the stop is the one kept");
        failover.Status.Conditions.FindStatusCondition(FailoverConditions.Succeeded)!.Status.Should().Be("True");
        (await environment.Client.ListAsync<Api.Failovers.Failover>("default", cancellationToken: cancellation.Token))
            .Select(f => f.Metadata.Name).Should().Equal([failover.Metadata.Name], "one crash, one failover");
        (await sandbox.CopiesAsync(cancellation.Token)).Should().HaveCount(2, "the crashed VM and one recovered VM");
        (await sandbox.RunningCopiesAsync(cancellation.Token)).Should().ContainSingle().Which["moref"]!.GetValue<string>().Should().Be(recovered);
        (await sandbox.CompareRecoveredDisksAsync(failover, cancellation.Token)).Should().BeEmpty();

        await SandboxFixture.WaitUntilAsync(
            async () => (await sandbox.PvmAsync()).Status?.LatestCommittedImage?.Sequence > failover.Status.Image!.Sequence,
            TimeSpan.FromSeconds(40),
            "the recovered VM's first image is committed");
        (await sandbox.PvmAsync()).Status!.Vm!.Moref.Should().Be(recovered, "the ProtectedVM protects the recovered VM");
    }
}
