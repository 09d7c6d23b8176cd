using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Trace;
using SnapshotHa.Api.Failovers;
using SnapshotHa.Api.Policies;
using SnapshotHa.Kube.Metrics;
using SnapshotHa.Operator.Telemetry;
using SnapshotHa.Operator.Tests.EndToEnd.Failover;

namespace SnapshotHa.Operator.Tests.Telemetry;

/// <summary>A real failover in the sandbox is one trace with a span per step, and it is counted on /metrics.</summary>
[Collection(TracingCollection.Name)]
public sealed class FailoverTelemetryTests
{
    [Fact]
    public async Task A_crash_failover_is_one_trace_with_its_steps_and_is_counted_with_its_RTO()
    {
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        var exported = new List<Activity>();
        var registry = Prometheus.Metrics.NewCustomRegistry();
        await using var sandbox = await FailoverSandbox.StartAsync(
            2,
            new FailoverPolicySpec { Fencing = FencingMode.BestEffort, GracePeriod = "1s" },
            1,
            cancellation.Token,
            services =>
            {
                services.AddSingleton(new ControllerMetrics(registry));
                services.AddOpenTelemetry().WithTracing(t => t.AddSource(ProtectionTracing.SourceName).AddInMemoryExporter(exported));
            });
        var environment = sandbox.Environment;
        await environment.Workload.StopAsync();

        await environment.Simulator.Control.CrashVmAsync(sandbox.Vm.Moref, cancellation.Token);
        var failover = await sandbox.WaitForFailoverAsync(FailoverPhase.Succeeded, TimeSpan.FromSeconds(60));
        using var http = new HttpClient();
        var scrape = ScrapedMetrics.Parse(await http.GetStringAsync(new Uri(new Uri(environment.Operator!.Urls.First()), "/metrics"), cancellation.Token));
        await environment.StopOperatorAsync();

        scrape.Value("snapshotha_failovers_total", ("type", "Unplanned"), ("result", FailoverResults.Succeeded)).Should().Be(1);
        scrape.Value("snapshotha_failovers_total", ("type", "Unplanned"), ("result", FailoverResults.Failed)).Should().Be(0);
        scrape.Value("snapshotha_failovers_in_progress", ("type", "Unplanned")).Should().Be(0);
        scrape.Value("snapshotha_failover_rto_seconds_count", ("type", "Unplanned")).Should().Be(1);

        // Other tests' failovers may run in this process at the same time: the trace is found by status.traceParent.
        failover.Status!.TraceParent.Should().NotBeNullOrEmpty();
        var root = exported.Should().ContainSingle(a => a.DisplayName == ProtectionTracing.FailoverSpan && a.Id == failover.Status.TraceParent).Subject;
        root.Status.Should().NotBe(ActivityStatusCode.Error);
        var steps = exported.Where(a => a.ParentSpanId == root.SpanId).OrderBy(a => a.StartTimeUtc).Select(a => a.DisplayName).Distinct();
        steps.Should().Equal("failover.fence", "failover.restore", "failover.power_on");
    }
}
