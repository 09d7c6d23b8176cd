using System.Collections.Concurrent;
using k8s;
using k8s.Models;
using Microsoft.Extensions.DependencyInjection;
using SnapshotHa.Kube.LeaderElection;
using SnapshotHa.Kube.Hosting;
using SnapshotHa.Kube.Tests.TestKit;

namespace SnapshotHa.Kube.Tests.LeaderElection;

[Collection(SandboxCollection.Name)]
public sealed class LeaderElectionIntegrationTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);
    private const string LeasePath = "/apis/coordination.k8s.io/v1/namespaces/default/leases/test-leader";

    private static void FastLease(OperatorSettings settings)
    {
        settings.LeaderElectionType = LeaderElectionType.Single;
        settings.LeaderElectionLeaseDuration = TimeSpan.FromSeconds(2);
        settings.LeaderElectionRenewDeadline = TimeSpan.FromSeconds(1);
        settings.LeaderElectionRetryPeriod = TimeSpan.FromMilliseconds(200);
    }

    [Fact]
    public async Task Only_the_leader_reconciles_losing_the_lease_stops_it_and_a_second_instance_takes_over()
    {
        await using var sandbox = await ApiSandbox.StartAsync();
        await using var first = await OperatorInstance.StartAsync(sandbox, FastLease);
        var firstTransitions = new ConcurrentQueue<bool>();
        first.Leadership.Changed += firstTransitions.Enqueue;
        await first.Recorder.WaitUntilAsync(() => first.Leadership.IsLeading, Timeout, "the first instance acquires the free lease");
        await using var second = await OperatorInstance.StartAsync(sandbox, FastLease);

        await sandbox.CreateAsync("a", "v1");
        await first.Recorder.WaitUntilAsync(() => first.Recorder.LastReconciledValue.ContainsKey("default/a"), Timeout, "the leader reconciles");
        second.Leadership.IsLeading.Should().BeFalse("one lease, one leader");
        second.Requests.Watches.Should().Be(0, "a standby runs no watchers");
        second.Recorder.Reconciles.Should().Be(0, "a standby runs no workers");

        // Renewals fail for longer than the renew deadline: the leader must give up and stop its controllers.
        sandbox.Server.FailNext("PUT", LeasePath, 500, times: 15);
        await first.Recorder.WaitUntilAsync(() => firstTransitions.Contains(false), Timeout, "the leader notices it lost the lease");
        first.Controller.PendingCount.Should().Be(0, "losing the lease clears the queue");

        // Whoever won the round after the faults, stopping the first instance leaves the lease to the second.
        await first.StopAsync();
        await second.Recorder.WaitUntilAsync(() => second.Leadership.IsLeading, Timeout, "the second instance takes over");
        first.Leadership.IsLeading.Should().BeFalse();
        await sandbox.CreateAsync("b", "v1");
        await second.Recorder.WaitUntilAsync(
            () => second.Recorder.LastReconciledValue.ContainsKey("default/a") && second.Recorder.LastReconciledValue.ContainsKey("default/b"),
            Timeout,
            "the new leader lists and reconciles everything");
        (await second.MetricAsync("snapshotha_leader_election_master_status")).Should().Be(1);
    }

    [Fact]
    public async Task Stopping_the_leader_releases_the_lease()
    {
        await using var sandbox = await ApiSandbox.StartAsync();
        await using var first = await OperatorInstance.StartAsync(sandbox, FastLease);
        await first.Recorder.WaitUntilAsync(() => first.Leadership.IsLeading, Timeout, "the instance acquires the free lease");
        var identity = first.Host.Services.GetRequiredService<LeaderElectionRunner>().Identity;
        (await ReadLeaseAsync(sandbox)).Spec.HolderIdentity.Should().Be(identity);

        await first.StopAsync();

        (await ReadLeaseAsync(sandbox)).Spec.HolderIdentity.Should().BeEmpty("a stopping leader hands the lease over");
        await using var second = await OperatorInstance.StartAsync(sandbox, FastLease);
        await second.Recorder.WaitUntilAsync(() => second.Leadership.IsLeading, Timeout, "a released lease is free");
    }

    private static Task<V1Lease> ReadLeaseAsync(ApiSandbox sandbox) =>
        sandbox.Kubernetes.CoordinationV1.ReadNamespacedLeaseAsync("test-leader", "default");
}
