using SnapshotHa.Api.Failovers;
using SnapshotHa.Api.Policies;

namespace SnapshotHa.Operator.Tests.EndToEnd.Failover;

/// <summary>
/// The failure checks read VM states from an inventory watch, which a busy vCenter answers late. A late answer still
/// shows the recovered VM as just created (powered off) after a direct read saw it running: that must not look like a
/// crash and fail the VM over a second time.
/// </summary>
public sealed class LaggingWatchTests
{
    private const int AnswerDelayMs = 3000;

    [Fact]
    public async Task A_crash_failover_under_a_late_watch_happens_once_and_the_recovered_VM_keeps_running()
    {
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await using var sandbox = await FailoverSandbox.StartAsync(
            2, new FailoverPolicySpec { Fencing = FencingMode.Required, GracePeriod = "1s" }, 0, cancellation.Token);
        var control = sandbox.Environment.Simulator.Control;
        await sandbox.Environment.Workload.StopAsync();
        await control.AddFaultAsync(new { kind = "delayAnswer", method = "WaitForUpdatesEx", ms = AnswerDelayMs }, cancellation.Token);

        // The recovered VM is powered on a second after it is created: the watch's answer then surely holds it powered off.
        await control.AddFaultAsync(new { kind = "delay", method = "PowerOnVM_Task", ms = 1000 }, cancellation.Token);

        await control.CrashVmAsync(sandbox.Vm.Moref, cancellation.Token);
        var failover = await sandbox.WaitForFailoverAsync(FailoverPhase.Succeeded, TimeSpan.FromSeconds(60));

        // The watch's answer that holds the recovered VM as created comes 3 s late; two later answers and the check
        // rounds (every 500 ms) after them have seen it.
        var watches = await WatchCallsAsync(control, cancellation.Token);
        await SandboxFixture.WaitUntilAsync(
            async () => await WatchCallsAsync(control, cancellation.Token) >= watches + 2,
            TimeSpan.FromSeconds(40),
            "two more watch answers arrived");
        await Task.Delay(TimeSpan.FromSeconds(2), cancellation.Token);

        var failovers = await sandbox.Environment.Client.ListAsync<Api.Failovers.Failover>("default", cancellationToken: cancellation.Token);
        failovers.Select(f => f.Metadata.Name).Should().Equal([failover.Metadata.Name], "the recovered VM did not crash");
        (await sandbox.RunningCopiesAsync(cancellation.Token)).Should().ContainSingle().Which["moref"]!.GetValue<string>().Should().Be(failover.Status!.RecoveredVm!.Moref);
    }

    private static async Task<long> WatchCallsAsync(Sandbox.Simulator.SimulatorControlClient control, CancellationToken cancellationToken) =>
        (await control.StatsAsync(cancellationToken))["calls"]?["WaitForUpdatesEx"]?.GetValue<long>() ?? 0;
}
