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

    /// <summary>
    /// The series one ProtectedVM may add: its 11 value gauges (RPO, RPO target, interval, committed sequence and
    /// timestamp, delta bytes, last snapshot task, last merge, last cycle, logical and stored bytes), one phase series,
    /// cycles_total and one step-failure counter per step. One per-VM histogram alone would add 17 (14 buckets, +Inf,
    /// sum, count).
    /// </summary>
    private static readonly int PerVmSeriesBound = 11 + 1 + 1 + Enum.GetValues<CycleStep>().Length;

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
    public async Task Phase_gauge_has_one_series_of_value_1_for_the_current_phase(ProtectedVMPhase phase)
    {
        var (registry, metrics, _) = Create();
        metrics.StatusWritten(Vm("web", ProtectedVMPhase.Protected, null, null));
        metrics.StatusWritten(Vm("web", phase, null, null));
        metrics.StatusWritten(Vm("db", ProtectedVMPhase.Protected, null, null));

        var scrape = await ScrapedMetrics.CollectAsync(registry);

        var phases = scrape.Of("snapshotha_protectedvm_phase", ("protectedvm", "web")).ToList();
        phases.Should().ContainSingle().Which.Labels["phase"].Should().Be(phase.ToString());
        phases.Single().Value.Should().Be(1);
        scrape.Value("snapshotha_protectedvm_phase", ("protectedvm", "db"), ("phase", "Protected")).Should().Be(1);
        scrape.Of("snapshotha_protectedvm_rpo_seconds").Should().BeEmpty("no image is committed yet");
    }

    [Fact]
    public async Task A_status_without_phase_leaves_no_phase_series()
    {
        var (registry, metrics, _) = Create();
        metrics.StatusWritten(Vm("web", ProtectedVMPhase.Seeding, null, null));
        var seeding = await ScrapedMetrics.CollectAsync(registry);
        var vm = Vm("web", ProtectedVMPhase.Seeding, null, null);
        vm.Status.Phase = null;
        metrics.StatusWritten(vm);

        var scrape = await ScrapedMetrics.CollectAsync(registry);

        seeding.Of("snapshotha_protectedvm_phase").Should().ContainSingle();
        scrape.Of("snapshotha_protectedvm_phase").Should().BeEmpty();
    }

    [Fact]
    public async Task Series_per_ProtectedVM_stay_bounded_and_histograms_do_not_grow_with_VMs()
    {
        var one = await ScrapeAfterCyclesAsync(["vm0"]);
        var three = await ScrapeAfterCyclesAsync(["vm0", "vm1", "vm2"]);

        var perVm = (three.Samples.Count - one.Samples.Count) / 2.0;
        perVm.Should().BeGreaterThan(0).And.BeLessThanOrEqualTo(PerVmSeriesBound, "per-VM durations are last-value gauges, histograms are per namespace");
        three.Samples.Where(s => s.Labels.ContainsKey("le")).Should().NotBeEmpty().And.OnlyContain(s => !s.Labels.ContainsKey("protectedvm"));
        three.Value("snapshotha_cycle_duration_seconds_count", ("namespace", "prod")).Should().Be(3 * 2, "three VMs completed two cycles each");
        three.Of("snapshotha_cycle_last_duration_seconds").Should().HaveCount(3).And.OnlyContain(s => s.Value == 30);
        three.Of("snapshotha_merge_last_duration_seconds").Should().HaveCount(3).And.OnlyContain(s => s.Value == 0.3);
        three.Of("snapshotha_snapshot_create_task_last_duration_seconds").Should().HaveCount(3).And.OnlyContain(s => s.Value == 0.2);
    }

    [Fact]
    public async Task A_deleted_ProtectedVM_leaves_no_series_and_others_keep_theirs()
    {
        var (registry, metrics, time) = Create();
        RunCycles(metrics, time, "gone");
        RunCycles(metrics, time, "kept");

        var both = await ScrapedMetrics.CollectAsync(registry);
        metrics.Deleted(Vm("gone", ProtectedVMPhase.Protected, 1, Start));
        var scrape = await ScrapedMetrics.CollectAsync(registry);
        var keptAlone = await ScrapeAfterCyclesAsync(["kept"]);

        both.Samples.Should().Contain(s => s.Labels.GetValueOrDefault("protectedvm") == "gone");
        scrape.Samples.Where(s => s.Labels.GetValueOrDefault("protectedvm") == "gone").Should().BeEmpty();
        scrape.Samples.Should().HaveCount(keptAlone.Samples.Count, "the deleted VM's every per-VM series is gone and the namespace series stay");
        scrape.Value("snapshotha_merge_bytes_total", ("namespace", "prod")).Should().Be(2 * 4096, "the namespace keeps the deleted VM's bytes");
        scrape.Value("snapshotha_cycle_step_failures_total", ("protectedvm", "kept"), ("step", "ShippingAndMerging")).Should().Be(1);
        scrape.Value("snapshotha_snapshot_create_task_duration_seconds_sum", ("namespace", "prod")).Should().BeApproximately(2 * 0.2, 1e-9);
        scrape.Value("snapshotha_snapshot_create_task_last_duration_seconds", ("protectedvm", "kept")).Should().BeApproximately(0.2, 1e-9);
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

    /// <summary>A fresh registry after <see cref="RunCycles"/> for each VM.</summary>
    private static async Task<ScrapedMetrics> ScrapeAfterCyclesAsync(string[] names)
    {
        var (registry, metrics, time) = Create();
        foreach (var name in names)
        {
            RunCycles(metrics, time, name);
        }

        return await ScrapedMetrics.CollectAsync(registry);
    }

    /// <summary>
    /// Reports every per-VM event of one VM: phases Pending to Degraded and back to Protected, observation, snapshot
    /// (0.2 s task), commit (0.3 s merge, 4096 delta bytes), repository size, one failure of each step and two 30 s cycles.
    /// </summary>
    private static void RunCycles(ProtectionMetrics metrics, FakeTimeProvider time, string name)
    {
        foreach (var phase in new[] { ProtectedVMPhase.Pending, ProtectedVMPhase.Seeding, ProtectedVMPhase.Protected, ProtectedVMPhase.Degraded })
            {
                metrics.StatusWritten(Vm(name, phase, null, null));
        }

        var vm = Vm(name, ProtectedVMPhase.Protected, 1, Start);
        metrics.StatusWritten(vm);
        metrics.Observed(vm, TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(1));
        metrics.SnapshotCreated(vm, TimeSpan.FromSeconds(0.4), TimeSpan.FromSeconds(0.2), 4096);
        metrics.ImageCommitted(vm, new MergeOutcome("m", 1 << 20, 4096, 1024, 0.1, 0.3, null));
        metrics.RepositoryMeasured(vm, new RepositoryUsage(1 << 20, 1 << 10));
        foreach (var step in Enum.GetValues<CycleStep>())
        {
            metrics.StepFailed(vm, step);
        }

        foreach (var id in new[] { "1", "2" })
        {
            metrics.CycleCompleted(vm, new CycleProgress { Id = $"{name}-{id}", StartedTime = time.GetUtcNow().UtcDateTime.AddSeconds(-30) });
        }
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
