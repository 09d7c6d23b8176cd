using System.Collections.Concurrent;
using System.Globalization;
using SnapshotHa.Api.Images;
using SnapshotHa.Api.Endpoints;
using SnapshotHa.Api.Protection;
using SnapshotHa.Operator.SandboxRuntime;
using Xunit.Abstractions;

namespace SnapshotHa.Operator.Tests.EndToEnd;

/// <summary>
/// Fault trials with the simulator's session drops and slow tasks during cycles: status says what happened and
/// protection continues with exact images.
/// </summary>
public sealed class SessionAndSlowTaskFaultTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Session_drops_and_slow_tasks_show_in_status_and_protection_continues()
    {
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        var (sandbox, data) = await SandboxFixture.StartAsync(vms: 1, TimeSpan.FromSeconds(1), keepLast: 100, cancellation.Token);
        await using var environment = sandbox;
        var expected = SandboxFixture.RecordSnapshots(environment);
        await SandboxFixture.ProtectUntilImageAsync(environment, 1, cancellation.Token);
        var seen = new ConcurrentDictionary<string, byte>(StringComparer.Ordinal);
        using var watching = new CancellationTokenSource();
        var watch = WatchAsync(environment, seen, watching.Token);
        var control = environment.Simulator.Control;

        // Session drop: the session is terminated in the simulator in the middle of a cycle's calls.
        await control.AddFaultAsync(new { kind = "terminateSession", method = "*", afterCalls = 2, count = 1 }, cancellation.Token);
        var reached = await LatestAsync(environment);
        await SandboxFixture.WaitForImagesAsync(environment, reached + 2, TimeSpan.FromSeconds(40));
        await SandboxFixture.WaitUntilAsync(
            () => Task.FromResult(seen.Keys.Any(k => k.StartsWith("endpoint Connected=True", StringComparison.Ordinal) && k.Contains("dropped the session 1 time(s)", StringComparison.Ordinal))),
            TimeSpan.FromSeconds(60),
            "the endpoint's Connected condition reports the dropped and renewed session");

        // Slow task: the next snapshot creation reads as running for 3 s before its real result.
        const int slowMs = 3000;
        await control.AddFaultAsync(new { kind = "slowTask", method = "CreateSnapshot_Task", ms = slowMs, progress = 30, count = 1 }, cancellation.Token);
        reached = await LatestAsync(environment);
        await SandboxFixture.WaitForImagesAsync(environment, reached + 2, TimeSpan.FromSeconds(40));
        await watching.CancelAsync();
        await watch;
        foreach (var line in seen.Keys.Order(StringComparer.Ordinal))
        {
            output.WriteLine(line);
        }

        await environment.Workload.StopAsync();
        await environment.StopOperatorAsync();
        var images = await environment.Client.ListAsync<RecoveryImage>("default");
        var slowSnapshot = seen.Keys.Where(k => k.StartsWith("pvm lastSnapshot ", StringComparison.Ordinal))
            .Select(k => k.Split(' '))
            .Where(parts => double.Parse(parts[3], CultureInfo.InvariantCulture) >= slowMs / 1000.0)
            .Select(parts => parts[2])
            .ToList();
        slowSnapshot.Should().ContainSingle("status.lastSnapshot.durationSeconds records the one slow snapshot creation");
        seen.Keys.Should().Contain($"pvm cycle {CycleStep.CreatingSnapshot} {slowSnapshot[0]}", "status.cycle showed the step waiting for the slow task");
        images.Should().Contain(i => i.Spec.SourceSnapshot.Name == slowSnapshot[0] && i.Status!.Phase != RecoveryImagePhase.Failed, "the slow snapshot's image was produced");
        await ProtectionChecks.AssertImagesExactAsync(environment, data, expected);
        data.Delete(recursive: true);
    }

    private static async Task<long> LatestAsync(SandboxEnvironment environment) =>
        (await environment.Client.ListAsync<ProtectedVM>("default")).Single().Status!.LatestCommittedImage!.Sequence;

    /// <summary>Records every distinct condition, cycle step before its snapshot is recorded, and snapshot duration seen until cancelled.</summary>
    private static Task WatchAsync(SandboxEnvironment environment, ConcurrentDictionary<string, byte> seen, CancellationToken cancellationToken) =>
        Task.Run(async () =>
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                foreach (var pvm in await environment.Client.ListAsync<ProtectedVM>("default"))
                {
                    foreach (var c in pvm.Status?.Conditions ?? [])
                    {
                        seen.TryAdd($"pvm {c.Type}={c.Status} {c.Reason}: {c.Message}", 0);
                    }

                    if (pvm.Status?.Cycle is { } cycle && pvm.Status.LastSnapshot?.Name != cycle.SnapshotName)
                    {
                        seen.TryAdd($"pvm cycle {cycle.Step} {cycle.SnapshotName}", 0);
                    }

                    if (pvm.Status?.LastSnapshot is { DurationSeconds: { } seconds } last)
                    {
                        seen.TryAdd(string.Create(CultureInfo.InvariantCulture, $"pvm lastSnapshot {last.Name} {seconds}"), 0);
                    }
                }

                foreach (var e in await environment.Client.ListAsync<VSphereEndpoint>("default"))
                {
                    foreach (var c in e.Status?.Conditions ?? [])
                    {
                        seen.TryAdd($"endpoint {c.Type}={c.Status} {c.Reason}: {c.Message}", 0);
                    }
                }

                await Task.Delay(50, CancellationToken.None);
            }
        }, CancellationToken.None);
}
