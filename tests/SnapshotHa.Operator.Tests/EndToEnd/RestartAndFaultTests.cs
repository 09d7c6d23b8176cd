using System.Collections.Concurrent;
using SnapshotHa.Api.Protection;
using SnapshotHa.Kube.Status;
using SnapshotHa.Operator.SandboxRuntime;
using SnapshotHa.Vim;

namespace SnapshotHa.Operator.Tests.EndToEnd;

/// <summary>
/// Restart and fault trials: the operator stopped at random moments of its cycles (in-flight work cancelled wherever
/// it is) and the simulator failing calls during cycles. Protection must resume without orphaned snapshots,
/// duplicate or failed images, and every committed image must still be exact.
/// </summary>
public sealed class RestartAndFaultTests
{
    private const int RestartTrials = 8;

    [Fact]
    public async Task Operator_stopped_at_random_steps_resumes_without_orphans_or_duplicates()
    {
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        var (sandbox, data) = await SandboxFixture.StartAsync(vms: 2, TimeSpan.FromSeconds(1), keepLast: 100, cancellation.Token);
        await using var environment = sandbox;
        var expected = SandboxFixture.RecordSnapshots(environment);
        await using var vim = await SandboxFixture.ConnectAsync(environment, cancellation.Token);
        var vms = environment.Simulator.Ready.Vms.Select(v => new ManagedObjectReference("VirtualMachine", v.Moref)).ToList();
        var random = new Random(20261126);
        environment.Workload.Start();
        await using (var counter = new SnapshotCounter(vim, vms))
        {
            await environment.StartOperatorAsync(null, cancellation.Token);
            await environment.ProtectAllAsync(cancellation.Token);
            await SandboxFixture.WaitForImagesAsync(environment, 0, TimeSpan.FromSeconds(40));
            for (var trial = 0; trial < RestartTrials; trial++)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(random.Next(0, 2500)), cancellation.Token);
                await environment.StopOperatorAsync();
                await environment.StartOperatorAsync(null, cancellation.Token);
            }

            var reached = (await environment.Client.ListAsync<ProtectedVM>("default")).Min(p => p.Status?.LatestCommittedImage?.Sequence ?? 0);
            await SandboxFixture.WaitForImagesAsync(environment, reached + 2, TimeSpan.FromSeconds(40));
            await environment.Workload.StopAsync();
            counter.MaxOursSeen.Should().BeInRange(1, 2, "a VM never carries more than two of our snapshots, restarts included");
        }

        await environment.StopOperatorAsync();
        await ProtectionChecks.AssertImagesExactAsync(environment, data, expected);
        data.Delete(recursive: true);
    }

    [Fact]
    public async Task Simulator_faults_during_cycles_show_in_conditions_and_retries_succeed()
    {
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        var (sandbox, data) = await SandboxFixture.StartAsync(vms: 1, TimeSpan.FromSeconds(1), keepLast: 100, cancellation.Token);
        await using var environment = sandbox;
        var expected = SandboxFixture.RecordSnapshots(environment);
        environment.Workload.Start();
        await environment.StartOperatorAsync(null, cancellation.Token);
        await environment.ProtectAllAsync(cancellation.Token);
        await SandboxFixture.WaitForImagesAsync(environment, 1, TimeSpan.FromSeconds(40));
        var control = environment.Simulator.Control;
        await control.AddFaultAsync(new { kind = "taskFault", method = "CreateSnapshot_Task", fault = "SnapshotFault", message = "injected snapshot failure", count = 2 }, cancellation.Token);
        var reasons = new ConcurrentBag<string>();
        await SandboxFixture.WaitUntilAsync(
            async () =>
            {
                var pvm = (await environment.Client.ListAsync<ProtectedVM>("default")).Single();
                var ready = pvm.Status?.Conditions.FindStatusCondition(ProtectedVMConditions.Ready);
                if (ready is { Status: "False" })
                {
                    reasons.Add($"{ready.Reason}: {ready.Message}");
                }

                return reasons.Any(r => r.Contains("injected snapshot failure", StringComparison.Ordinal));
            },
            TimeSpan.FromSeconds(30),
            "the Ready condition reports the injected snapshot failure");
        await control.AddFaultAsync(new { kind = "taskFault", method = "RemoveSnapshot_Task", fault = "TaskInProgress", message = "injected removal failure", count = 1 }, cancellation.Token);
        await control.AddFaultAsync(new { kind = "dropDownload", afterBytes = 2048 }, cancellation.Token);
        var reached = (await environment.Client.ListAsync<ProtectedVM>("default")).Single().Status!.LatestCommittedImage!.Sequence;
        await SandboxFixture.WaitForImagesAsync(environment, reached + 3, TimeSpan.FromSeconds(40));
        await environment.Workload.StopAsync();
        await environment.StopOperatorAsync();

        reasons.Should().Contain(r => r.StartsWith(ProtectedVMConditions.ReasonCycleFailed, StringComparison.Ordinal));
        await ProtectionChecks.AssertImagesExactAsync(environment, data, expected);
        data.Delete(recursive: true);
    }
}
