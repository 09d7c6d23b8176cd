using System.Collections.Concurrent;
using SnapshotHa.Api.Images;
using SnapshotHa.Api.Protection;
using SnapshotHa.Kube.Status;
using SnapshotHa.Operator.Controllers.Protection;
using SnapshotHa.Operator.SandboxRuntime;
using SnapshotHa.Vim;
using Xunit.Abstractions;

namespace SnapshotHa.Operator.Tests.EndToEnd;

/// <summary>
/// Restart and fault trials: the operator stopped at random moments of its cycles (in-flight work cancelled wherever
/// it is) and the simulator failing calls during cycles. Protection must resume without orphaned snapshots,
/// duplicate or failed images, and every committed image must still be exact.
/// </summary>
public sealed class RestartAndFaultTests(ITestOutputHelper output)
{
    /// <summary>Trials per CI run; tests/trials/restart-trials.sh sets SNAPSHOTHA_RESTART_TRIALS for longer runs.</summary>
    private const int CiRestartTrials = 20;

    private static readonly CycleStep?[] Steps =
        [null, CycleStep.CreatingSnapshot, CycleStep.ShippingAndMerging, CycleStep.RemovingPreviousSnapshot, CycleStep.Pruning];

    [Fact]
    public async Task Operator_stopped_at_random_steps_resumes_without_orphans_or_duplicates()
    {
        var trials = TrialCount();
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMinutes(4) + (trials * TimeSpan.FromSeconds(5)));
        var (sandbox, data) = await SandboxFixture.StartAsync(vms: 2, TimeSpan.FromSeconds(1), keepLast: 100, cancellation.Token);
        await using var environment = sandbox;
        var expected = SandboxFixture.RecordSnapshots(environment);
        await using var vim = await SandboxFixture.ConnectAsync(environment, cancellation.Token);
        var vms = environment.Simulator.Ready.Vms.Select(v => new ManagedObjectReference("VirtualMachine", v.Moref)).ToList();
        var random = new Random(20261126);
        var stoppedAt = new Dictionary<string, int>(StringComparer.Ordinal);
        var started = TimeProvider.System.GetTimestamp();
        environment.Workload.Start();
        await using (var counter = new SnapshotCounter(vim, vms))
        {
            await environment.StartOperatorAsync(null, cancellation.Token);
            await environment.ProtectAllAsync(cancellation.Token);
            await SandboxFixture.WaitForImagesAsync(environment, 0, TimeSpan.FromSeconds(40));
            for (var trial = 0; trial < trials; trial++)
            {
                // A random step to stop in (null: between cycles), then a random moment within it.
                var target = Steps[random.Next(Steps.Length)];
                var step = await WaitForStepAsync(environment, target, TimeSpan.FromSeconds(3));
                await Task.Delay(TimeSpan.FromMilliseconds(random.Next(0, 60)), cancellation.Token);
                await environment.StopOperatorAsync();
                stoppedAt[step] = stoppedAt.GetValueOrDefault(step) + 1;
                await environment.StartOperatorAsync(null, cancellation.Token);
            }

            var reached = (await environment.Client.ListAsync<ProtectedVM>("default")).Min(p => p.Status?.LatestCommittedImage?.Sequence ?? 0);
            await SandboxFixture.WaitForImagesAsync(environment, reached + 2, TimeSpan.FromSeconds(40));
            await environment.Workload.StopAsync();

            // Let the cycles in progress finish: between its snapshot and the removal of the previous one a VM rightly
            // carries two of ours, and only the newer is named in status.
            await SandboxFixture.PauseAllAsync(environment, cancellation.Token);
            counter.MaxOursSeen.Should().BeInRange(1, 2, "a VM never carries more than two of our snapshots, restarts included");
        }

        await environment.StopOperatorAsync();
        var orphans = 0;
        foreach (var pvm in await environment.Client.ListAsync<ProtectedVM>("default"))
        {
            var vm = new ManagedObjectReference("VirtualMachine", pvm.Status!.Vm!.Moref!);
            var ours = OurSnapshots.In(await vim.Snapshots.GetTreeAsync(vm, cancellation.Token), pvm);
            orphans += ours.Count(s => s.Name != pvm.Status.LastSnapshot?.Name && s.Name != pvm.Status.Cycle?.SnapshotName);
        }

        var images = await environment.Client.ListAsync<RecoveryImage>("default");
        output.WriteLine(
            $"restart trials: {trials}, operator stopped with cycles at {string.Join(", ", stoppedAt.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}"))}; "
            + $"orphaned snapshots: {orphans}; images: {images.Count}, duplicates: {images.Count - images.Select(i => (i.Spec.ProtectedVMRef.Name, i.Spec.Sequence)).Distinct().Count()}, "
            + $"failed: {images.Count(i => i.Status?.Phase == RecoveryImagePhase.Failed)}; elapsed {TimeProvider.System.GetElapsedTime(started).TotalSeconds:0.0} s");
        orphans.Should().Be(0, "every snapshot of ours is the committed one or the one of the cycle in progress");
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
        await SandboxFixture.ProtectUntilImageAsync(environment, 1, cancellation.Token);
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

    private static int TrialCount() =>
        int.TryParse(Environment.GetEnvironmentVariable("SNAPSHOTHA_RESTART_TRIALS"), out var n) && n > 0 ? n : CiRestartTrials;

    /// <summary>Polls until some ProtectedVM is at <paramref name="target"/> (null: no cycle) or the time is up; returns the step seen.</summary>
    private static async Task<string> WaitForStepAsync(SandboxEnvironment environment, CycleStep? target, TimeSpan timeout)
    {
        var deadline = TimeProvider.System.GetTimestamp() + (long)(timeout.TotalSeconds * TimeProvider.System.TimestampFrequency);
        while (true)
        {
            var steps = (await environment.Client.ListAsync<ProtectedVM>("default")).Select(p => p.Status?.Cycle?.Step).ToList();
            if (steps.Contains(target) || TimeProvider.System.GetTimestamp() > deadline)
            {
                var seen = steps.Contains(target) ? target : steps.FirstOrDefault(s => s is not null);
                return seen?.ToString() ?? "BetweenCycles";
            }

            await Task.Delay(15);
        }
    }
}
