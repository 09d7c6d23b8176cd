using System.Text;
using Amazon.S3.Model;
using k8s;
using k8s.Models;
using SnapshotHa.Api.Common;
using SnapshotHa.Api.Images;
using SnapshotHa.Api.Policies;
using SnapshotHa.Operator.SandboxRuntime;

namespace SnapshotHa.Operator.Tests.EndToEnd;

/// <summary>Committed images are synced to the policy's secondary repository; a failing sync is reported and retried.</summary>
public sealed class SecondaryRepositoryTests(Repository.Tests.S3rverFixture s3) : IClassFixture<Repository.Tests.S3rverFixture>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(40);

    [Fact]
    public async Task Committed_images_reach_the_secondary_directory_after_a_failing_target_is_repaired()
    {
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var (sandbox, data) = await SandboxFixture.StartAsync(vms: 1, TimeSpan.FromSeconds(2), keepLast: 50, cancellation.Token);
        await using var environment = sandbox;
        var expected = SandboxFixture.RecordSnapshots(environment);
        var policy = (await environment.Client.GetAsync<SnapshotPolicy>(SandboxResources.PolicyName, "default", cancellation.Token))!;
        policy.Spec.SecondaryRepository = new SecondaryRepositorySpec { Volume = new VolumeLocation { ClaimName = "secondary", SubPath = "copy" } };
        await environment.Client.UpdateAsync(policy, cancellation.Token);
        var secondary = Path.Combine(data.FullName, "secondary", "copy");
        Directory.CreateDirectory(Path.GetDirectoryName(secondary)!);
        await File.WriteAllTextAsync(secondary, "a file where the secondary repository's directory should be", cancellation.Token);

        await SandboxFixture.ProtectUntilImageAsync(environment, 1, cancellation.Token);
        await SandboxFixture.WaitUntilAsync(
            async () => (await CommittedAsync(environment)).Any(i => Replicated(i) is { Status: "False", Reason: RecoveryImageConditions.ReasonSyncFailed }),
            Timeout,
            "a committed image reports the failed sync");
        (await CommittedAsync(environment)).Should().OnlyContain(i => Replicated(i) == null || Replicated(i)!.Status == "False", "nothing could be synced yet");

        File.Delete(secondary);
        await SandboxFixture.WaitUntilAsync(
            async () => (await CommittedAsync(environment)) is { Count: >= 2 } images && images.All(i => Replicated(i)?.Status == "True"),
            Timeout,
            "every committed image is synced once the target works");
        await QuiesceAndSyncAsync(environment, cancellation.Token);

        var synced = await CommittedAsync(environment);
        synced.Should().OnlyContain(i => i.Status!.SecondaryRepository!.Target == secondary && i.Status.SecondaryRepository.SyncedTime != null);
        var problems = await ImageOracle.CompareAsync(secondary, synced, expected);
        problems.Should().BeEmpty("the secondary repository restores every synced image exactly");
        data.Delete(recursive: true);
    }

    [Fact]
    public async Task Committed_images_reach_an_S3_bucket_with_keys_from_the_Secret()
    {
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        using var s3Client = s3.CreateClient();
        await s3Client.PutBucketAsync("dr-images", cancellation.Token);
        var (sandbox, data) = await SandboxFixture.StartAsync(vms: 1, TimeSpan.FromSeconds(2), keepLast: 50, cancellation.Token);
        await using var environment = sandbox;
        await environment.Kubernetes.CoreV1.CreateNamespacedSecretAsync(
            new V1Secret
            {
                Metadata = new V1ObjectMeta { Name = "dr-keys" },
                Data = new Dictionary<string, byte[]>
                {
                    [SecretKeys.AccessKeyId] = Encoding.UTF8.GetBytes(Repository.Tests.S3rverFixture.AccessKey),
                    [SecretKeys.SecretAccessKey] = Encoding.UTF8.GetBytes(Repository.Tests.S3rverFixture.AccessKey),
                },
            },
            "default",
            cancellationToken: cancellation.Token);
        var policy = (await environment.Client.GetAsync<SnapshotPolicy>(SandboxResources.PolicyName, "default", cancellation.Token))!;
        policy.Spec.SecondaryRepository = new SecondaryRepositorySpec
        {
            S3 = new S3BucketSpec
            {
                Endpoint = s3.Endpoint, Bucket = "dr-images", Prefix = "site-a", ForcePathStyle = true, CredentialsSecretRef = new LocalObjectReference { Name = "dr-keys" },
            },
        };
        await environment.Client.UpdateAsync(policy, cancellation.Token);

        await SandboxFixture.ProtectUntilImageAsync(environment, 1, cancellation.Token);
        await SandboxFixture.WaitUntilAsync(
            async () => (await CommittedAsync(environment)) is { Count: >= 2 } images && images.All(i => Replicated(i)?.Status == "True"),
            Timeout,
            "every committed image is synced to the bucket");
        await QuiesceAndSyncAsync(environment, cancellation.Token);

        var synced = await CommittedAsync(environment);
        var keys = (await s3Client.ListObjectsV2Async(new ListObjectsV2Request { BucketName = "dr-images", Prefix = "site-a/images/" }, cancellation.Token))
            .S3Objects.Select(o => o.Key).ToList();
        foreach (var image in synced)
        {
            image.Status!.SecondaryRepository!.Target.Should().Be("s3://dr-images/site-a/");
            keys.Should().Contain($"site-a/images/{image.Status.ManifestId}.json");
        }

        data.Delete(recursive: true);
    }

    /// <summary>Lets cycles in flight finish and their images sync, then stops the operator (no image is caught mid-way).</summary>
    private static async Task QuiesceAndSyncAsync(SandboxEnvironment environment, CancellationToken cancellationToken)
    {
        await SandboxFixture.QuiesceAsync(environment, cancellationToken);
        await SandboxFixture.WaitUntilAsync(
            async () => (await CommittedAsync(environment)).All(i => Replicated(i)?.Status == "True"),
            Timeout,
            "the images of the last cycles are synced too");
        await environment.StopOperatorAsync();
    }

    private static async Task<List<RecoveryImage>> CommittedAsync(SandboxEnvironment environment) =>
        [.. (await environment.Client.ListAsync<RecoveryImage>("default")).Where(i => i.Status?.Phase is RecoveryImagePhase.Committed or RecoveryImagePhase.Superseded)];

    private static k8s.Models.V1Condition? Replicated(RecoveryImage image) =>
        image.Status?.Conditions?.FirstOrDefault(c => c.Type == RecoveryImageConditions.Replicated);
}
