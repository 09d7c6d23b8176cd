using k8s;
using Microsoft.Extensions.DependencyInjection;
using SnapshotHa.Api.Protection;
using SnapshotHa.Operator.Controllers.Protection;
using SnapshotHa.Operator.SandboxRuntime;

namespace SnapshotHa.Operator.Tests.EndToEnd;

/// <summary>
/// Between cycles a ProtectedVM is not polled: with a periodic requeue of an hour, an idle VM costs no status write,
/// and only a policy change or the delta poller makes it take its next snapshot.
/// </summary>
public sealed class IdleWakeupTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(40);

    [Fact]
    public async Task An_idle_vm_writes_nothing_and_is_woken_by_a_policy_change_and_by_the_delta_poller()
    {
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        var (sandbox, data) = await SandboxFixture.StartAsync(
            vms: 1, TimeSpan.FromHours(1), keepLast: 10, cancellation.Token, idleRequeue: TimeSpan.FromHours(1));
        await using var environment = sandbox;
        await environment.StartOperatorAsync(null, cancellation.Token);
        await environment.ProtectAllAsync(cancellation.Token);
        await SandboxFixture.WaitForImagesAsync(environment, 0, Timeout);
        await SandboxFixture.WaitUntilAsync(
            async () => (await environment.Client.ListAsync<ProtectedVM>("default")).Single().Status is { Cycle: null, Phase: ProtectedVMPhase.Protected, SavedConfiguration: not null } s
                && s.Conditions!.Any(c => c.Type == ProtectedVMConditions.VmHealthy),
            Timeout,
            "the seed cycle ended and the failure checks recorded the VM once");

        // Idle: nothing is due for an hour; the VM's status must not be rewritten (no time-varying fields).
        var pvm = (await environment.Client.ListAsync<ProtectedVM>("default")).Single();
        var before = environment.Server.RequestCounts();
        await Task.Delay(TimeSpan.FromSeconds(4), cancellation.Token);
        var after = environment.Server.RequestCounts();
        (after.GetValueOrDefault("PUT protectedvms/status") - before.GetValueOrDefault("PUT protectedvms/status"))
            .Should().Be(0, "an idle ProtectedVM costs no status write");
        pvm.Status!.Conditions.Should().Contain(c => c.Type == ProtectedVMConditions.RpoMet && c.Status == "True" && c.Message.Contains("point in time"));
        pvm.Status.NextSnapshotTime.Should().BeCloseTo(pvm.Status.LatestCommittedImage!.PointInTime!.Value.AddHours(1), TimeSpan.FromSeconds(5));

        // A policy change wakes the VM at once, not at its hourly requeue.
        await PatchPolicyAsync(environment, """{"spec":{"schedule":{"maxInterval":"2s"}}}""", cancellation.Token);
        await SandboxFixture.WaitForImagesAsync(environment, 1, Timeout);
        await PatchPolicyAsync(environment, """{"spec":{"schedule":{"maxInterval":"1h","deltaThresholdBytes":1048576}}}""", cancellation.Token);
        await SandboxFixture.WaitUntilAsync(
            async () => (await environment.Client.ListAsync<ProtectedVM>("default")).Single().Status is { Cycle: null, LatestCommittedImage.Sequence: >= 1 } s
                && s.NextSnapshotTime > DateTime.UtcNow.AddMinutes(30),
            Timeout,
            "the VM waits for its delta under the changed policy");

        // The delta grows past the threshold: the poller's single retrieval finds it and wakes the VM.
        var poller = environment.Operator!.Services.GetRequiredService<DeltaPoller>();
        (await poller.PollAsync(cancellation.Token)).Should().Be(0, "the delta is still below the threshold");
        environment.Workload.Start();
        var woken = 0;
        await SandboxFixture.WaitUntilAsync(async () => (woken = await poller.PollAsync(cancellation.Token)) > 0, Timeout, "the poller sees the delta cross 1 MiB");
        woken.Should().Be(1);
        await SandboxFixture.WaitForImagesAsync(environment, 2, Timeout);
        (await environment.Client.ListAsync<ProtectedVM>("default")).Single().Status!.LastSnapshot!.DeltaBytes.Should().BeGreaterThanOrEqualTo(1048576);

        await environment.Workload.StopAsync();
        await environment.StopOperatorAsync();
        data.Delete(recursive: true);
    }

    private static Task PatchPolicyAsync(SandboxEnvironment environment, string patch, CancellationToken cancellationToken) =>
        environment.Kubernetes.CustomObjects.PatchNamespacedCustomObjectAsync(
            new k8s.Models.V1Patch(patch, k8s.Models.V1Patch.PatchType.MergePatch),
            Api.Common.ApiGroup.Group,
            Api.Common.ApiGroup.Version,
            "default",
            "snapshotpolicies",
            SandboxResources.PolicyName,
            cancellationToken: cancellationToken);
}
