using System.Globalization;
using SnapshotHa.Api.Endpoints;
using SnapshotHa.Api.Failovers;
using SnapshotHa.Api.Policies;
using SnapshotHa.Operator.Controllers.Failovers;
using SnapshotHa.Operator.SandboxRuntime;
using Xunit.Abstractions;

namespace SnapshotHa.Operator.Tests.EndToEnd.Failover;

/// <summary>
/// Partitions with fencing Required: the operator cannot reach the VM's host, the VM keeps running. No copy may be
/// activated until the host answers again (the operator then powers the original off) or a person confirms (after
/// powering the original off by hand). Each trial partitions the host of the VM currently protected, waits a random
/// time in Fencing, resolves one of the two ways at random, and the simulator is sampled throughout for two running
/// copies. tests/trials/failover-trials.sh runs more trials (SNAPSHOTHA_FAILOVER_TRIALS).
/// </summary>
public sealed class PartitionTrials(ITestOutputHelper output)
{
    private const int CiTrials = 10;

    [Fact]
    public async Task Partitioned_hosts_with_fencing_Required_never_leave_two_running_copies()
    {
        var trials = int.TryParse(System.Environment.GetEnvironmentVariable("SNAPSHOTHA_FAILOVER_TRIALS"), out var n) && n > 0 ? n : CiTrials;
        using var cancellation = new CancellationTokenSource(TimeSpan.FromSeconds(60 + (trials * 20)));
        await using var sandbox = await FailoverSandbox.StartAsync(
            3, new FailoverPolicySpec { Fencing = FencingMode.Required, GracePeriod = "500ms" }, 0, cancellation.Token);
        await sandbox.Environment.Workload.StopAsync();
        await FastHeartbeatsAsync(sandbox, cancellation.Token);
        var random = new Random(20261126);
        var outcomes = new List<string>();
        await using (var monitor = new RunningCopiesMonitor(sandbox))
        {
            for (var trial = 1; trial <= trials; trial++)
            {
                outcomes.Add(await RunTrialAsync(sandbox, random, trial, cancellation.Token));
                monitor.MaxRunningCopies.Should().Be(1, $"trial {trial} never leaves two running copies");
            }

            output.WriteLine($"failover trials: {trials} partitions, 0 double activations (most running copies seen: {monitor.MaxRunningCopies}); {string.Join(", ", outcomes)}");
        }
    }

    private static async Task<string> RunTrialAsync(FailoverSandbox sandbox, Random random, int trial, CancellationToken cancellationToken)
    {
        var control = sandbox.Environment.Simulator.Control;
        var pvm = await sandbox.PvmAsync();
        var moref = pvm.Status!.Vm!.Moref!;
        var host = (await sandbox.RunningCopiesAsync(cancellationToken)).Single()["host"]!.GetValue<string>();
        var name = FailoverNames.Automatic(pvm, moref);
        await control.PartitionAsync(host, cancellationToken);

        await SandboxFixture.WaitUntilAsync(
            async () => (await sandbox.FailoverAsync(name))?.Status?.Conditions?.Any(c => c.Type == FailoverConditions.Fenced && c.Reason == FailoverConditions.ReasonAwaitingConfirmation) == true,
            TimeSpan.FromSeconds(30),
            $"trial {trial}: Failover {name} waits for fencing confirmation");
        await Task.Delay(TimeSpan.FromMilliseconds(random.Next(300, 2000)), cancellationToken);
        var waiting = await sandbox.FailoverAsync(name);
        waiting!.Status!.Phase.Should().Be(FailoverPhase.Fencing, $"trial {trial}: nothing is activated while the host does not answer");
        waiting.Status.RecoveredVm.Should().BeNull();

        var confirm = random.Next(2) == 0;
        if (confirm)
        {
            // A person pulls the plug on the original, then confirms.
            await control.CrashVmAsync(moref, cancellationToken);
            waiting.Spec.FencingConfirmed = true;
            await sandbox.Environment.Client.UpdateAsync(waiting, cancellationToken);
        }
        else
        {
            await control.HealAsync(host, cancellationToken);
        }

        var done = await sandbox.WaitForFailoverAsync(name, FailoverPhase.Succeeded, TimeSpan.FromSeconds(30));
        if (confirm)
        {
            await control.HealAsync(host, cancellationToken);
        }

        var fenced = done.Status!.Conditions!.Single(c => c.Type == FailoverConditions.Fenced);
        fenced.Reason.Should().Be(confirm ? FailoverConditions.ReasonConfirmedByUser : FailoverConditions.ReasonPoweredOff);
        await SandboxFixture.WaitUntilAsync(
            async () => (await sandbox.PvmAsync()).Status?.Vm?.Moref == done.Status.RecoveredVm!.Moref,
            TimeSpan.FromSeconds(30),
            $"trial {trial}: the ProtectedVM protects the recovered VM");
        return string.Create(CultureInfo.InvariantCulture, $"#{trial} {(confirm ? "confirmed" : "healed")} {host}→{done.Status.RecoveredVm!.Host}");
    }

    private static async Task FastHeartbeatsAsync(FailoverSandbox sandbox, CancellationToken cancellationToken)
    {
        var endpoint = (await sandbox.Environment.Client.GetAsync<VSphereEndpoint>(SandboxResources.EndpointName, "default", cancellationToken))!;
        endpoint.Spec.Heartbeat = new HeartbeatSpec { Interval = "500ms", Timeout = "400ms", MissesBeforeFailure = 3 };
        await sandbox.Environment.Client.UpdateAsync(endpoint, cancellationToken);
    }
}
