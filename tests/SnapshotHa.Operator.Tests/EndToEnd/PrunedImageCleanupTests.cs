using SnapshotHa.Api.Images;

namespace SnapshotHa.Operator.Tests.EndToEnd;

/// <summary>Pruned RecoveryImage objects do not accumulate: only the newest few stay for audit.</summary>
public sealed class PrunedImageCleanupTests
{
    [Fact]
    public async Task Only_the_newest_pruned_images_are_kept_and_restorable_images_stay()
    {
        const int kept = 2;
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        var (sandbox, data) = await SandboxFixture.StartAsync(vms: 1, TimeSpan.FromSeconds(1), keepLast: 1, cancellation.Token, prunedImagesKept: kept);
        await using var environment = sandbox;
        var expected = SandboxFixture.RecordSnapshots(environment);
        environment.Workload.Start();
        await environment.StartOperatorAsync(null, cancellation.Token);
        await environment.ProtectAllAsync(cancellation.Token);
        await SandboxFixture.WaitForImagesAsync(environment, kept + 5, TimeSpan.FromSeconds(60));

        // The prune step marks, then deletes: stopping the operator between the two would leave one Pruned object more.
        await SandboxFixture.QuiesceAsync(environment, cancellation.Token);
        await environment.StopOperatorAsync();

        var images = await environment.Client.ListAsync<RecoveryImage>("default");
        var pruned = images.Where(i => i.Status?.Phase == RecoveryImagePhase.Pruned).Select(i => i.Spec.Sequence).Order().ToList();
        var restorable = images.Where(i => i.Status?.Phase is RecoveryImagePhase.Committed or RecoveryImagePhase.Superseded).Select(i => i.Spec.Sequence).ToList();
        pruned.Should().HaveCount(kept, "at least {0} images were pruned and only the newest {1} Pruned objects stay", kept + 3, kept);
        var newestPruned = pruned[^1];
        (newestPruned - pruned[0]).Should().Be(kept - 1, "the kept Pruned objects are the newest ones");
        restorable.Should().NotBeEmpty().And.OnlyContain(s => s > newestPruned, "images whose repository image exists are never deleted");
        await ProtectionChecks.AssertImagesExactAsync(environment, data, expected);
        data.Delete(recursive: true);
    }
}
