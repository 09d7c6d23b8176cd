using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging.Abstractions;
using SnapshotHa.Api.Common;
using SnapshotHa.Kube.Client;
using SnapshotHa.Kube.Status;
using SnapshotHa.Operator.Hosting;
using SnapshotHa.Operator.Merging;
using SnapshotHa.RepositoryCli;
using SnapshotHa.Sandbox.ApiServer;

namespace SnapshotHa.Operator.Tests.Merging;

/// <summary>The Job executor's following of existing Jobs, against the in-process API server (no simulator needed).</summary>
public sealed class JobMergeExecutorTests : IAsyncLifetime
{
    private const string ImageName = "web-01-000003";
    private readonly DirectoryInfo _repository = Directory.CreateTempSubdirectory("snapshotha-jobexec-");
    private KubeApiServer _server = null!;
    private Kubernetes _kubernetes = null!;
    private JobMergeExecutor _executor = null!;

    public async Task InitializeAsync()
    {
        _server = await KubeApiServer.StartAsync(new KubeApiServerOptions(), CancellationToken.None);
        _kubernetes = new Kubernetes(_server.CreateClientConfiguration());
        var client = new KubernetesClient(_kubernetes);
        _executor = new JobMergeExecutor(
            _kubernetes, client, new EntityStatusWriter(client, NullLogger<EntityStatusWriter>.Instance), new ProtectionOptions(), TimeProvider.System, NullLogger<JobMergeExecutor>.Instance);
    }

    public async Task DisposeAsync()
    {
        _kubernetes.Dispose();
        await _server.DisposeAsync();
        _repository.Delete(recursive: true);
    }

    [Fact]
    public async Task A_Job_left_by_an_earlier_image_of_the_same_name_is_deleted()
    {
        await CreateJobAsync("uid-of-an-earlier-image");
        var work = Work("uid-now");
        await WriteResultAsync(work, "0123456789abcdef0123456789abcdef");

        var outcome = await _executor.RunAsync(work, CancellationToken.None);

        outcome!.ManifestId.Should().Be("0123456789abcdef0123456789abcdef");
        outcome.JobName.Should().Be(MergeJobNames.For(ImageName));
        (await JobsAsync()).Should().BeEmpty("the Job owned by another uid was deleted");
    }

    [Fact]
    public async Task A_running_Job_of_this_image_is_followed_not_duplicated()
    {
        var existing = await CreateJobAsync("uid-now");

        var first = await _executor.RunAsync(Work("uid-now"), CancellationToken.None);
        var second = await _executor.RunAsync(Work("uid-now"), CancellationToken.None);

        first.Should().BeNull();
        second.Should().BeNull();
        (await JobsAsync()).Should().ContainSingle().Which.Metadata.Uid.Should().Be(existing.Metadata.Uid);
    }

    [Fact]
    public async Task A_failed_Job_throws_its_reason_and_is_deleted_for_the_next_attempt()
    {
        var job = await CreateJobAsync("uid-now");
        job.Status = new V1JobStatus
        {
            Failed = 4,
            Conditions = [new V1JobCondition { Type = "Failed", Status = "True", Reason = "BackoffLimitExceeded", Message = "Job has reached the specified backoff limit" }],
        };
        await _kubernetes.BatchV1.ReplaceNamespacedJobStatusAsync(job, job.Metadata.Name, "default");

        var run = () => _executor.RunAsync(Work("uid-now"), CancellationToken.None);

        var failure = await run.Should().ThrowAsync<MergeJobFailedException>();
        failure.Which.Reason.Should().Be("BackoffLimitExceeded");
        failure.Which.Message.Should().Contain($"default/{job.Metadata.Name}").And.Contain("backoff limit");
        (await JobsAsync()).Should().BeEmpty();
    }

    [Fact]
    public async Task The_result_file_is_deleted_after_the_commit()
    {
        var work = Work("uid-now");
        var path = await WriteResultAsync(work, "fedcba9876543210fedcba9876543210");

        await _executor.CommittedAsync(work, CancellationToken.None);

        File.Exists(path).Should().BeFalse();
    }

    [Fact]
    public async Task A_malformed_result_file_is_reported_with_its_path()
    {
        var work = Work("uid-now");
        var path = MergeResultFile.PathIn(work.RepositoryPath, ImageName, "uid-now");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllTextAsync(path, "{ not json");

        var run = () => _executor.RunAsync(work, CancellationToken.None);

        (await run.Should().ThrowAsync<InvalidDataException>()).Which.Message.Should().Contain(path);
    }

    private MergeWork Work(string uid) =>
        new(MergeJobFixtures.Image(ImageName, uid), null!, _repository.FullName, 1, "default/web-01", null, DateTimeOffset.UnixEpoch, [])
        {
            EndpointName = "esxi",
            RepositoryVolume = new VolumeLocation { ClaimName = "repo" },
        };

    private static async Task<string> WriteResultAsync(MergeWork work, string manifestId)
    {
        var path = MergeResultFile.PathIn(work.RepositoryPath, work.Image.Metadata.Name, work.Image.Metadata.Uid);
        await MergeResultFile.WriteAsync(path, new MergeJobResult(manifestId, 4096, 512, 256, 0.1, 0.2), CancellationToken.None);
        return path;
    }

    private async Task<V1Job> CreateJobAsync(string ownerUid)
    {
        var request = MergeJobFixtures.Request(MergeJobFixtures.Image(ImageName, ownerUid));
        return await _kubernetes.BatchV1.CreateNamespacedJobAsync(MergeJobManifest.Build(request, new ProtectionOptions()), "default");
    }

    private async Task<IList<V1Job>> JobsAsync() => (await _kubernetes.BatchV1.ListNamespacedJobAsync("default")).Items;
}
