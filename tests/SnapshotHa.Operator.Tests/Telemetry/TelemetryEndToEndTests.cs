using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Trace;
using SnapshotHa.Api.Protection;
using SnapshotHa.Kube.Metrics;
using SnapshotHa.Operator.Telemetry;
using SnapshotHa.Operator.Tests.EndToEnd;

namespace SnapshotHa.Operator.Tests.Telemetry;

/// <summary>Metrics and traces of real protection cycles in the sandbox (API server, simulator, operator in process).</summary>
[Collection(TracingCollection.Name)]
public sealed class TelemetryEndToEndTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(40);

    [Fact]
    public async Task A_cycle_is_one_trace_with_its_steps_and_the_metrics_endpoint_reports_it_until_the_VM_is_deleted()
    {
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        var (sandbox, data) = await SandboxFixture.StartAsync(vms: 1, TimeSpan.FromSeconds(2), keepLast: 5, cancellation.Token);
        await using var environment = sandbox;
        var exported = new List<Activity>();
        var registry = Prometheus.Metrics.NewCustomRegistry();
        environment.Workload.Start();
        await environment.StartOperatorAsync(
            services =>
            {
                services.AddSingleton(new ControllerMetrics(registry));
                services.AddOpenTelemetry().WithTracing(t => t.AddSource(ProtectionTracing.SourceName).AddInMemoryExporter(exported));
            },
            cancellation.Token);
        await environment.ProtectAllAsync(cancellation.Token);
        string? traceParent = null;
        await SandboxFixture.WaitUntilAsync(
            async () => (traceParent = (await environment.Client.ListAsync<ProtectedVM>("default")).Single().Status?.Cycle?.TraceParent) is not null,
            Timeout,
            "a cycle in progress shows its traceparent",
            pollMilliseconds: 10); // a cycle of the sandbox's small deltas is in progress for well under 200 ms
        await SandboxFixture.WaitForImagesAsync(environment, 3, Timeout);
        var pvm = (await environment.Client.ListAsync<ProtectedVM>("default")).Single();
        var vm = ("protectedvm", pvm.Metadata.Name);
        var ns = ("namespace", "default");

        using var http = new HttpClient();
        var scrape = ScrapedMetrics.Parse(await http.GetStringAsync(new Uri(new Uri(environment.Operator!.Urls.First()), "/metrics"), cancellation.Token));
        scrape.Value("snapshotha_cycles_total", vm).Should().BeGreaterThanOrEqualTo(3);
        scrape.Value("snapshotha_snapshot_create_duration_seconds_count", ns).Should().BeGreaterThanOrEqualTo(3);
        scrape.Value("snapshotha_snapshot_create_task_duration_seconds_count", ns).Should().BeGreaterThanOrEqualTo(3, "the simulator reports task start and completion");
        scrape.Value("snapshotha_snapshot_create_task_last_duration_seconds", vm).Should().BeGreaterThanOrEqualTo(0);
        scrape.Value("snapshotha_merge_bytes_total", ns).Should().BeGreaterThan(0);
        scrape.Value("snapshotha_ship_duration_seconds_count", ns).Should().BeGreaterThanOrEqualTo(3);
        scrape.Value("snapshotha_merge_last_duration_seconds", vm).Should().BeGreaterThan(0);
        scrape.Value("snapshotha_cycle_last_duration_seconds", vm).Should().BeGreaterThan(0);
        scrape.Of("snapshotha_protectedvm_phase", vm).Should().ContainSingle("only the current phase has a series");
        scrape.Value("snapshotha_protectedvm_committed_image_sequence", vm).Should().BeGreaterThanOrEqualTo(3);
        scrape.Value("snapshotha_protectedvm_phase", vm, ("phase", "Protected")).Should().Be(1);
        scrape.Value("snapshotha_protectedvm_rpo_seconds", vm).Should().BeGreaterThanOrEqualTo(0);
        scrape.Value("snapshotha_protectedvm_rpo_target_seconds", vm).Should().BeGreaterThan(0);
        scrape.Value("snapshotha_repository_stored_bytes", vm).Should().BeGreaterThan(0);
        scrape.Of("snapshotha_host_heartbeats_total").Sum(s => s.Value).Should().BeGreaterThan(0);
        scrape.Of("snapshotha_controller_reconcile_total", ("controller", "protectedvm")).Should().NotBeEmpty();

        await environment.Client.DeleteAsync(pvm, cancellation.Token);
        await SandboxFixture.WaitUntilAsync(
            async () => !(await ScrapedMetrics.CollectAsync(registry)).Samples.Any(s => s.Labels.GetValueOrDefault("protectedvm") == pvm.Metadata.Name),
            Timeout,
            "the deleted ProtectedVM's series are gone");
        await environment.StopOperatorAsync();

        var mine = exported.Where(a => (string?)a.GetTagItem("snapshotha.protectedvm.uid") == pvm.Metadata.Uid).ToList();
        var roots = mine.Where(a => a.DisplayName == ProtectionTracing.CycleSpan && a.ParentSpanId == default).ToList();
        roots.Should().Contain(r => r.Id == traceParent, "the traceparent in status.cycle is the cycle's root span");
        var cycle = roots.Single(r => (long?)r.GetTagItem("snapshotha.cycle.sequence") == 2);
        var steps = mine.Where(a => a.ParentSpanId == cycle.SpanId).OrderBy(a => a.StartTimeUtc).ToList();
        steps.Should().OnlyContain(s => s.TraceId == cycle.TraceId && s.StartTimeUtc >= cycle.StartTimeUtc && s.StartTimeUtc + s.Duration <= cycle.StartTimeUtc + cycle.Duration);
        steps.Select(s => s.DisplayName).Distinct().Should().Equal("protection.snapshot", "protection.ship_and_merge", "protection.consolidate", "protection.prune");
        var shipAndMerge = steps.Last(s => s.DisplayName == "protection.ship_and_merge");
        mine.Where(a => a.ParentSpanId == shipAndMerge.SpanId).OrderBy(a => a.StartTimeUtc).Select(a => a.DisplayName)
            .Should().Equal("protection.ship", "protection.merge");
        data.Delete(recursive: true);
    }
}
