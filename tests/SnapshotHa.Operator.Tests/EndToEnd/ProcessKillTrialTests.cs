using System.Globalization;
using k8s;
using k8s.Models;
using SnapshotHa.Api.Common;
using SnapshotHa.Api.Images;
using SnapshotHa.Api.Protection;
using SnapshotHa.Operator.Controllers.Protection;
using SnapshotHa.Operator.SandboxRuntime;
using SnapshotHa.Operator.Tests.Cli;
using SnapshotHa.Vim;
using Xunit.Abstractions;

namespace SnapshotHa.Operator.Tests.EndToEnd;

/// <summary>
/// Restart trials with a real process kill: <c>snapshotha operator</c> runs as a child process against the sandbox's
/// API server; the test watches the ProtectedVMs' cycle step through the API server, SIGKILLs the process at a random
/// step (random moment within it), starts a new one, and after all trials checks: no orphaned snapshot, no duplicate
/// image, protection resumed, and every committed image verifies with <c>snapshotha repo verify</c>. The policy keeps
/// 3 images, so kills in Pruning land while retention really deletes manifests.
/// The seed is random per run and logged; SNAPSHOTHA_KILL_SEED replays a run, SNAPSHOTHA_KILL_TRIALS sets the long run's count.
/// </summary>
public sealed class ProcessKillTrialTests(ITestOutputHelper output)
{
    private static readonly CycleStep?[] Steps =
        [null, CycleStep.CreatingSnapshot, CycleStep.ShippingAndMerging, CycleStep.RemovingPreviousSnapshot, CycleStep.Pruning];

    [Fact]
    public Task Operator_process_killed_at_random_steps_leaves_no_orphans_or_duplicates() => RunTrialsAsync(20);

    [Fact]
    [Trait("Category", "Long")]
    public Task Operator_process_killed_at_random_steps_many_times() =>
        RunTrialsAsync(int.TryParse(Environment.GetEnvironmentVariable("SNAPSHOTHA_KILL_TRIALS"), out var n) && n > 0 ? n : 50);

    private async Task RunTrialsAsync(int trials)
    {
        var seed = int.TryParse(Environment.GetEnvironmentVariable("SNAPSHOTHA_KILL_SEED"), out var s) ? s : Random.Shared.Next();
        output.WriteLine($"kill trials: seed {seed} (replay with SNAPSHOTHA_KILL_SEED={seed})");
        var random = new Random(seed);
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMinutes(2) + (trials * TimeSpan.FromSeconds(6)));
        var (sandbox, data) = await SandboxFixture.StartAsync(vms: 2, TimeSpan.FromSeconds(1), keepLast: 3, cancellation.Token, prunedImagesKept: 100, disksPerVm: 2);
        await using var environment = sandbox;
        var kubeconfig = Path.Combine(data.FullName, "kubeconfig");
        await environment.WriteKubeconfigAsync(kubeconfig, cancellation.Token);
        var logs = Directory.CreateDirectory(Path.Combine(data.FullName, "logs")).FullName;
        await using var vim = await SandboxFixture.ConnectAsync(environment, cancellation.Token);
        var vms = environment.Simulator.Ready.Vms.Select(v => new ManagedObjectReference("VirtualMachine", v.Moref)).ToList();
        var killedAt = new Dictionary<string, int>(StringComparer.Ordinal);
        var started = TimeProvider.System.GetTimestamp();
        var instance = 0;
        var firstWrites = new List<double>();
        OperatorProcess Next() => OperatorProcess.Start(kubeconfig, data.FullName, $"operator-{instance++}", logs);
        var current = Next();
        environment.Workload.Start();
        long committedAtLastKill;
        try
        {
            await using (var counter = new SnapshotCounter(vim, vms))
            {
                await environment.ProtectAllAsync(cancellation.Token);
                await WaitAsync(() => SandboxFixture.WaitForImagesAsync(environment, 0, TimeSpan.FromSeconds(60)), current);
                var before = await ResourceVersionsAsync(environment, cancellation.Token);
                for (var trial = 0; trial < trials; trial++)
                {
                    var (step, firstWrite) = await WaitForStepAsync(environment, Steps[random.Next(Steps.Length)], before, cancellation.Token);
                    if (firstWrite is { } latency)
                    {
                        firstWrites.Add(latency.TotalSeconds);
                    }

                    await Task.Delay(TimeSpan.FromMilliseconds(random.Next(0, 60)), cancellation.Token);
                    await current.KillAsync();
                    killedAt[step] = killedAt.GetValueOrDefault(step) + 1;
                    before = await ResourceVersionsAsync(environment, cancellation.Token);
                    current = Next();
                }

                committedAtLastKill = await MaxCommittedAsync(environment);
                await WaitAsync(() => SandboxFixture.WaitForImagesAsync(environment, committedAtLastKill + 1, TimeSpan.FromSeconds(60)), current);
                await environment.Workload.StopAsync();
                await WaitAsync(() => SandboxFixture.PauseAllAsync(environment, cancellation.Token), current);
                counter.MaxOursSeen.Should().BeInRange(1, 2, "a VM never carries more than two of our snapshots, kills included");
            }
        }
        finally
        {
            await current.DisposeAsync();
        }

        var pvms = await environment.Client.ListAsync<ProtectedVM>("default");
        var images = await environment.Client.ListAsync<RecoveryImage>("default");
        var committed = images.Where(i => i.Status?.Phase is RecoveryImagePhase.Committed or RecoveryImagePhase.Superseded).ToList();
        var orphans = new List<string>();
        foreach (var pvm in pvms)
        {
            var ours = OurSnapshots.In(await vim.Snapshots.GetTreeAsync(new ManagedObjectReference("VirtualMachine", pvm.Status!.Vm!.Moref!), cancellation.Token), pvm);
            orphans.AddRange(ours.Skip(2).Select(o => $"{pvm.Metadata.Name}: {o.Name} beyond two of ours"));
            orphans.AddRange(ours
                .Where(o => !committed.Any(i => i.Spec.ProtectedVMRef.Name == pvm.Metadata.Name && i.Spec.SourceSnapshot.Name == o.Name))
                .Select(o => $"{pvm.Metadata.Name}: {o.Name} has no committed RecoveryImage"));
        }

        var duplicates = images.GroupBy(i => (i.Spec.ProtectedVMRef.Name, i.Spec.Sequence)).Count(g => g.Count() > 1)
            + committed.GroupBy(i => i.Status!.ManifestId).Count(g => g.Count() > 1);
        var repository = Path.Combine(data.FullName, SandboxResources.RepositoryClaim, "images");
        var unverified = new List<string>();
        foreach (var image in committed)
        {
            var (code, _, error) = await CliRunner.RunAsync("repo", "verify", "--repo", repository, "--image", image.Status!.ManifestId!);
            if (code != 0)
            {
                unverified.Add($"{image.Metadata.Name}: exit {code} {error.Trim()}");
            }
        }

        var elapsed = TimeProvider.System.GetElapsedTime(started).TotalSeconds;
        output.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"kill trials: {trials} SIGKILLs (seed {seed}) at {string.Join(", ", killedAt.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}"))}; "
            + $"orphaned snapshots: {orphans.Count}; images: {images.Count} ({committed.Count} committed), duplicates: {duplicates}, "
            + $"failed: {images.Count(i => i.Status?.Phase == RecoveryImagePhase.Failed)}, not verified: {unverified.Count}; "
            + $"latest image at the last kill #{committedAtLastKill}, now #{pvms.Min(p => p.Status?.LatestCommittedImage?.Sequence)}; "
            + $"elapsed {elapsed:0.0} s, {elapsed / trials:0.00} s per trial; a new process wrote its first status after "
            + $"{(firstWrites.Count == 0 ? "-" : $"{firstWrites.Order().ElementAt(firstWrites.Count / 2):0.00} s (median), {firstWrites.Max():0.00} s (max)")}"));
        orphans.Should().BeEmpty("every snapshot of ours belongs to a committed RecoveryImage and a VM keeps at most two");
        duplicates.Should().Be(0, "one image per sequence and VM, and no manifest produced twice");
        images.Where(i => i.Status?.Phase == RecoveryImagePhase.Failed).Select(i => i.Metadata.Name).Should().BeEmpty("no image fails for good");
        pvms.Should().OnlyContain(p => p.Status!.LatestCommittedImage!.Sequence > committedAtLastKill, "protection resumed after the last kill");
        unverified.Should().BeEmpty("every committed image verifies");
        data.Delete(recursive: true);
    }

    /// <summary>Waits for <paramref name="wait"/>; a timeout also shows the operator's last log lines.</summary>
    private static async Task WaitAsync(Func<Task> wait, OperatorProcess current)
    {
        try
        {
            await wait();
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"{e.Message}\n--- {current.LogPath} ---\n{current.LogTail(40)}", e);
        }
    }

    private static async Task<long> MaxCommittedAsync(SandboxEnvironment environment) =>
        (await environment.Client.ListAsync<ProtectedVM>("default")).Max(p => p.Status?.LatestCommittedImage?.Sequence ?? -1);

    private static async Task<Dictionary<string, string>> ResourceVersionsAsync(SandboxEnvironment environment, CancellationToken cancellationToken) =>
        (await environment.Client.ListAsync<ProtectedVM>("default", cancellationToken: cancellationToken))
            .ToDictionary(p => p.Metadata.Name, p => p.Metadata.ResourceVersion, StringComparer.Ordinal);

    /// <summary>
    /// Polls the API server until a ProtectedVM that the running process has written since <paramref name="before"/>
    /// (resource versions at the previous kill) is at <paramref name="target"/> (null: between cycles), or the time is
    /// up (3 s after the process's first write, or 10 s without one: a slow start on a busy machine does not eat the
    /// time of the step); returns the step seen ("Starting" when the new process wrote nothing) and when its first
    /// write was seen.
    /// </summary>
    private static async Task<(string Step, TimeSpan? FirstWrite)> WaitForStepAsync(
        SandboxEnvironment environment, CycleStep? target, IReadOnlyDictionary<string, string> before, CancellationToken cancellationToken)
    {
        var start = TimeProvider.System.GetTimestamp();
        TimeSpan? firstWrite = null;
        while (true)
        {
            var written = (await environment.Client.ListAsync<ProtectedVM>("default", cancellationToken: cancellationToken))
                .Where(p => before.GetValueOrDefault(p.Metadata.Name) != p.Metadata.ResourceVersion)
                .Select(p => p.Status?.Cycle?.Step)
                .ToList();
            var elapsed = TimeProvider.System.GetElapsedTime(start);
            firstWrite ??= written.Count > 0 ? elapsed : null;
            if (written.Contains(target) || elapsed > (firstWrite is { } w ? w + TimeSpan.FromSeconds(3) : TimeSpan.FromSeconds(10)))
            {
                var seen = written.Contains(target) ? target : written.FirstOrDefault(s => s is not null);
                return (written.Count == 0 ? "Starting" : seen?.ToString() ?? "BetweenCycles", firstWrite);
            }

            await Task.Delay(10, cancellationToken);
        }
    }
}
