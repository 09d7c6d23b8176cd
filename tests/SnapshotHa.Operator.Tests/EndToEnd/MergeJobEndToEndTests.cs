using k8s;
using k8s.Models;
using SnapshotHa.Api.Images;
using SnapshotHa.Api.Policies;
using SnapshotHa.Operator.Merging;
using SnapshotHa.RepositoryCli;
using SnapshotHa.Operator.SandboxRuntime;

namespace SnapshotHa.Operator.Tests.EndToEnd;

/// <summary>
/// Executor Job end to end: the operator creates one merge Job per image, the sandbox's Job runner runs
/// <c>snapshotha merge</c> as a child process, the operator commits from the Job's result file. The operator is
/// restarted while a merge Job runs.
/// </summary>
public sealed class MergeJobEndToEndTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Merge_Jobs_commit_exact_images_one_Job_per_image_across_an_operator_restart()
    {
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        var (sandbox, data) = await SandboxFixture.StartAsync(
            vms: 2, TimeSpan.FromSeconds(2), keepLast: 50, cancellation.Token, executor: MergeExecutor.Job);
        await using var environment = sandbox;
        var expected = SandboxFixture.RecordSnapshots(environment);
        var runner = environment.JobRunner!;
        environment.Workload.Start();
        await environment.StartOperatorAsync(null, cancellation.Token);
        await environment.ProtectAllAsync(cancellation.Token);
        await SandboxFixture.WaitForImagesAsync(environment, 1, Timeout);

        // Kill the operator while a merge Job of a not yet committed image runs; the Job finishes meanwhile.
        V1Job? running = null;
        await SandboxFixture.WaitUntilAsync(
            async () => (running = await RunningJobAsync(environment)) is not null, Timeout, "a merge Job runs");
        await environment.StopOperatorAsync();
        await SandboxFixture.WaitUntilAsync(
            async () => Finished(await environment.Kubernetes.BatchV1.ReadNamespacedJobAsync(running!.Metadata.Name, "default")),
            Timeout,
            $"Job {running!.Metadata.Name} finished while the operator was down");
        await environment.StartOperatorAsync(null, cancellation.Token);
        await SandboxFixture.WaitForImagesAsync(environment, 3, Timeout);
        var restartedName = running.Metadata.OwnerReferences[0].Name;
        await SandboxFixture.WaitUntilAsync(
            async () => (await environment.Client.GetAsync<RecoveryImage>(restartedName, "default"))?.Status?.Phase
                is RecoveryImagePhase.Committed or RecoveryImagePhase.Superseded,
            Timeout,
            $"image {restartedName}, whose Job ran during the restart, is committed");

        // A cycle stopped between its Job's result and the commit keeps its result file: let cycles finish first.
        await SandboxFixture.QuiesceAsync(environment, cancellation.Token);
        await environment.StopOperatorAsync();

        var all = await environment.Client.ListAsync<RecoveryImage>("default");
        var restarted = all.SingleOrDefault(i => i.Metadata.Name == restartedName);
        restarted.Should().NotBeNull("the image whose Job ran during the restart still exists");
        restarted!.Status?.Phase.Should().BeOneOf(
            [RecoveryImagePhase.Committed, RecoveryImagePhase.Superseded],
            "the image whose Job ran during the restart was committed (conditions: {0})",
            string.Join("; ", restarted.Status?.Conditions?.Select(c => $"{c.Type}={c.Status} {c.Reason}: {c.Message}") ?? []));
        var images = all
            .Where(i => i.Status?.Phase is RecoveryImagePhase.Committed or RecoveryImagePhase.Superseded)
            .ToList();
        images.Should().HaveCountGreaterThanOrEqualTo(8, "each VM has a seed and at least three cycles");
        images.Should().OnlyContain(i => i.Status!.JobName == MergeJobNames.For(i.Metadata.Name), "every image was merged by its Job");
        var started = runner.Started;
        started.GroupBy(r => r.Name).Should().OnlyContain(g => g.Count() == 1, "no image got a second Job");
        images.Select(i => i.Status!.JobName).Should().BeSubsetOf(started.Select(r => r.Name));
        var repository = Path.Combine(data.FullName, SandboxResources.RepositoryClaim, "images");
        Directory.EnumerateFiles(Path.Combine(repository, MergeResultFile.Folder))
            .Should().BeEmpty("every result file is deleted once its image is committed");
        var problems = await ImageOracle.CompareAsync(repository, images, expected);
        problems.Should().BeEmpty();
        await runner.DisposeAsync();
        data.Delete(recursive: true);
    }

    private static async Task<V1Job?> RunningJobAsync(SandboxEnvironment environment)
    {
        var jobs = (await environment.Kubernetes.BatchV1.ListNamespacedJobAsync("default")).Items;
        return jobs.FirstOrDefault(j => j.Status?.Active > 0 && !Finished(j));
    }

    private static bool Finished(V1Job job) =>
        job.Status?.Conditions?.Any(c => c.Type is "Complete" or "Failed" && c.Status == "True") == true;
}
