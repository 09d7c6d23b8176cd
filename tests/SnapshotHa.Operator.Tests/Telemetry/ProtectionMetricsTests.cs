using Microsoft.Extensions.Time.Testing;
using Prometheus;
using SnapshotHa.Api.Common;
using SnapshotHa.Api.Endpoints;
using SnapshotHa.Api.Failovers;
using SnapshotHa.Api.Protection;
using SnapshotHa.Kube.Metrics;
using SnapshotHa.Operator.Controllers.Endpoints;
using SnapshotHa.Operator.Merging;
using SnapshotHa.Operator.Telemetry;

namespace SnapshotHa.Operator.Tests.Telemetry;

public sealed class ProtectionMetricsTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(0)]
    [InlineData(42.5)]
    [InlineData(3600)]
    public async Task Rpo_is_the_age_of_the_committed_point_in_time_at_scrape(double ageSeconds)
    {
        var (registry, metrics, time) = Create();
        metrics.StatusWritten(Vm("db", ProtectedVMPhase.Protected, sequence: 4, pointInTime: Start));

        time.Advance(TimeSpan.FromSeconds(ageSeconds));
        var scrape = await ScrapedMetrics.CollectAsync(registry);

        scrape.Value("snapshotha_protectedvm_rpo_seconds", ("protectedvm", "db")).Should().BeApproximately(ageSeconds, 0.001);
        scrape.Value("snapshotha_protectedvm_committed_image_sequence", ("protectedvm", "db")).Should().Be(4);
        scrape.Value("snapshotha_protectedvm_committed_image_timestamp_seconds", ("protectedvm", "db")).Should().Be(Start.ToUnixTimeSeconds());
    }

    [Theory]
    [InlineData(ProtectedVMPhase.Seeding)]
    [InlineData(ProtectedVMPhase.Degraded)]
    [InlineData(ProtectedVMPhase.Paused)]
    public async Task Phase_gauge_is_1_for_the_current_phase_only(ProtectedVMPhase phase)
    {
        var (registry, metrics, _) = Create();
        metrics.StatusWritten(Vm("web", ProtectedVMPhase.Protected, null, null));
        metrics.StatusWritten(Vm("web", phase, null, null));

        var scrape = await ScrapedMetrics.CollectAsync(registry);

        var phases = scrape.Of("snapshotha_protectedvm_phase", ("protectedvm", "web")).ToList();
        phases.Should().HaveCount(Enum.GetValues<ProtectedVMPhase>().Length);
        phases.Where(s => s.Value == 1).Select(s => s.Labels["phase"]).Should().Equal(phase.ToString());
        scrape.Of("snapshotha_protectedvm_rpo_seconds").Should().BeEmpty("no image is committed yet");
    }

    [Fact]
    public async Task A_deleted_ProtectedVM_leaves_no_series_and_others_keep_theirs()
    {
        var (registry, metrics, _) = Create();
        foreach (var name in new[] { "gone", "kept" })
        {
            var vm = Vm(name, ProtectedVMPhase.Protected, 1, Start);
            metrics.StatusWritten(vm);
            metrics.Observed(vm, TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(1));
            metrics.SnapshotCreated(vm, TimeSpan.FromSeconds(0.4), TimeSpan.FromSeconds(0.2), 4096);
            metrics.ImageCommitted(vm, new MergeOutcome("m", 1 << 20, 4096, 1024, 0.1, 0.3, null));
            metrics.StepFailed(vm, CycleStep.ShippingAndMerging);
            metrics.RepositoryMeasured(vm, new RepositoryUsage(1 << 20, 1 << 10));
        }

        metrics.Deleted(Vm("gone", ProtectedVMPhase.Protected, 1, Start));
        var scrape = await ScrapedMetrics.CollectAsync(registry);

        scrape.Samples.Where(s => s.Labels.GetValueOrDefault("protectedvm") == "gone").Should().BeEmpty();
        scrape.Value("snapshotha_merge_bytes_total", ("protectedvm", "kept")).Should().Be(4096);
        scrape.Value("snapshotha_cycle_step_failures_total", ("protectedvm", "kept"), ("step", "ShippingAndMerging")).Should().Be(1);
        scrape.Value("snapshotha_snapshot_create_task_duration_seconds_sum", ("protectedvm", "kept")).Should().BeApproximately(0.2, 1e-9);
        scrape.Value("snapshotha_protectedvm_rpo_target_seconds", ("protectedvm", "kept")).Should().Be(300);
        scrape.Value("snapshotha_protectedvm_cycle_interval_seconds", ("protectedvm", "kept")).Should().Be(60);
    }

    [Fact]
    public async Task Heartbeat_misses_count_only_new_misses_and_a_removed_host_leaves_no_series()
    {
        var (registry, metrics, _) = Create();
        var ok = new HostHeartbeat("host-1", "esx1", HostConnectionState.Connected, false, Start, 0, null, 3);
        var missed = ok with { ConnectionState = HostConnectionState.NotResponding, ConsecutiveMisses = 1, LastError = "timeout" };
        var failed = missed with { ConsecutiveMisses = 3 };
        metrics.HeartbeatObserved("ns/vc", ok, ok);
        metrics.HeartbeatObserved("ns/vc", ok, missed);
        metrics.HeartbeatObserved("ns/vc", missed, failed);
        metrics.HeartbeatObserved("ns/vc", ok, ok with { Name = "esx2" });

        var scrape = await ScrapedMetrics.CollectAsync(registry);
        scrape.Value("snapshotha_host_heartbeats_total", ("host", "esx1")).Should().Be(3);
        scrape.Value("snapshotha_host_heartbeat_misses_total", ("host", "esx1")).Should().Be(2);
        scrape.Value("snapshotha_host_failed", ("host", "esx1")).Should().Be(1);
        scrape.Value("snapshotha_host_connection_state", ("host", "esx1"), ("state", "NotResponding")).Should().Be(1);
        scrape.Value("snapshotha_host_heartbeat_misses_total", ("host", "esx2")).Should().Be(0);

        metrics.HostRemoved("ns/vc", "esx1");
        scrape = await ScrapedMetrics.CollectAsync(registry);
        scrape.Samples.Where(s => s.Labels.GetValueOrDefault("host") == "esx1").Should().BeEmpty();
        scrape.Value("snapshotha_host_failed", ("host", "esx2")).Should().Be(0);
    }

    [Fact]
    public async Task Failovers_are_zero_per_type_and_result_until_one_completes()
    {
        var (registry, metrics, _) = Create();
        var before = await ScrapedMetrics.CollectAsync(registry);
        before.Of("snapshotha_failovers_total").Should().HaveCount(Enum.GetValues<FailoverType>().Length * 2).And.OnlyContain(s => s.Value == 0);

        metrics.FailoverStarted(FailoverType.Unplanned);
        metrics.FailoverStarted(FailoverType.Unplanned);
        var running = await ScrapedMetrics.CollectAsync(registry);
        metrics.FailoverCompleted(FailoverType.Unplanned, succeeded: true, TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(95));
        var after = await ScrapedMetrics.CollectAsync(registry);

        running.Value("snapshotha_failovers_in_progress", ("type", "Unplanned")).Should().Be(2);
        after.Value("snapshotha_failovers_in_progress", ("type", "Unplanned")).Should().Be(1);
        after.Value("snapshotha_failovers_total", ("type", "Unplanned"), ("result", FailoverResults.Succeeded)).Should().Be(1);
        after.Value("snapshotha_failovers_total", ("type", "Unplanned"), ("result", FailoverResults.Failed)).Should().Be(0);
        after.Value("snapshotha_failover_rto_seconds_sum", ("type", "Unplanned")).Should().Be(95);
        after.Value("snapshotha_failover_detection_seconds_sum", ("type", "Unplanned")).Should().Be(30);
    }

    private static (CollectorRegistry Registry, ProtectionMetrics Metrics, FakeTimeProvider Time) Create()
    {
        var registry = Prometheus.Metrics.NewCustomRegistry();
        var time = new FakeTimeProvider(Start);
        return (registry, new ProtectionMetrics(new ControllerMetrics(registry), time), time);
    }

    private static ProtectedVM Vm(string name, ProtectedVMPhase phase, long? sequence, DateTimeOffset? pointInTime) => new()
    {
        Metadata = new() { Name = name, NamespaceProperty = "prod" },
        Status = new ProtectedVMStatus
        {
            Phase = phase,
            LatestCommittedImage = sequence is { } s ? new ImageReference { Name = $"{name}-{s}", Sequence = s, PointInTime = pointInTime?.UtcDateTime } : null,
        },
    };
}
