using System.Diagnostics;
using OpenTelemetry;
using OpenTelemetry.Trace;
using SnapshotHa.Api.Protection;
using SnapshotHa.Operator.Merging;
using SnapshotHa.Operator.Telemetry;

namespace SnapshotHa.Operator.Tests.Telemetry;

[Collection(TracingCollection.Name)]
public sealed class ProtectionTracingTests
{
    [Fact]
    public void Steps_after_a_restart_join_the_cycle_trace_through_the_stored_traceparent()
    {
        var exported = new List<Activity>();
        var pvm = Vm();
        using (Sdk.CreateTracerProviderBuilder().AddSource(ProtectionTracing.SourceName).AddInMemoryExporter(exported).Build())
        {
            var first = new ProtectionTracing(TimeProvider.System);
            var cycle = new CycleProgress { Id = "cycle-7", Step = CycleStep.CreatingSnapshot, Sequence = 7 };
            cycle = cycle with { TraceParent = first.StartCycle(pvm, cycle) };
            Activity.Current.Should().BeNull("the open cycle span does not leak into the reconciliation");
            using (first.StartStep(pvm, cycle))
            {
            }

            var restarted = new ProtectionTracing(TimeProvider.System);
            using (restarted.StartStep(pvm, cycle with { Step = CycleStep.ShippingAndMerging }))
            {
                restarted.ShippedAndMerged(new MergeOutcome("m", 100, 40, 10, 0.25, 0.5, null));
            }

            restarted.EndCycle(pvm, cycle);
            first.EndCycle(pvm, cycle);

            ActivityContext.TryParse(cycle.TraceParent, null, out var stored).Should().BeTrue();
            var mine = exported.Where(a => (string?)a.GetTagItem("snapshotha.protectedvm.uid") == pvm.Metadata.Uid).ToList();
            var root = mine.Should().ContainSingle(a => a.DisplayName == ProtectionTracing.CycleSpan).Subject;
            root.ParentSpanId.Should().Be(default(ActivitySpanId));
            root.Context.SpanId.Should().Be(stored.SpanId);
            var snapshot = mine.Single(a => a.DisplayName == "protection.snapshot");
            var shipAndMerge = mine.Single(a => a.DisplayName == "protection.ship_and_merge");
            new[] { snapshot, shipAndMerge }.Should().OnlyContain(a => a.TraceId == root.TraceId && a.ParentSpanId == root.SpanId);
            var transfer = mine.Where(a => a.ParentSpanId == shipAndMerge.SpanId).OrderBy(a => a.StartTimeUtc).ToList();
            transfer.Select(a => a.DisplayName).Should().Equal("protection.ship", "protection.merge");
            transfer[0].Duration.TotalSeconds.Should().BeApproximately(0.25, 0.001);
            transfer[1].Duration.TotalSeconds.Should().BeApproximately(0.5, 0.001);
            (transfer[0].StartTimeUtc + transfer[0].Duration).Should().Be(transfer[1].StartTimeUtc);
        }
    }

    [Fact]
    public void Deleting_the_ProtectedVM_ends_its_open_cycle_as_failed_and_a_failed_step_is_marked()
    {
        var exported = new List<Activity>();
        var pvm = Vm();
        using (Sdk.CreateTracerProviderBuilder().AddSource(ProtectionTracing.SourceName).AddInMemoryExporter(exported).Build())
        {
            var tracing = new ProtectionTracing(TimeProvider.System);
            var cycle = new CycleProgress { Id = "cycle-1", Step = CycleStep.Pruning, Sequence = 1 };
            cycle = cycle with { TraceParent = tracing.StartCycle(pvm, cycle) };
            using (var step = tracing.StartStep(pvm, cycle))
            {
                ProtectionTracing.Failed(step, new IOException("disk full"));
            }

            tracing.Deleted(pvm);
        }

        var mine = exported.Where(a => (string?)a.GetTagItem("snapshotha.protectedvm.uid") == pvm.Metadata.Uid).ToList();
        mine.Single(a => a.DisplayName == ProtectionTracing.CycleSpan).Status.Should().Be(ActivityStatusCode.Error);
        var prune = mine.Single(a => a.DisplayName == "protection.prune");
        prune.Status.Should().Be(ActivityStatusCode.Error);
        prune.StatusDescription.Should().Be("disk full");
    }

    [Fact]
    public void A_new_cycle_ends_the_open_root_of_an_earlier_cycle_another_instance_finished()
    {
        var exported = new List<Activity>();
        var pvm = Vm();
        using (Sdk.CreateTracerProviderBuilder().AddSource(ProtectionTracing.SourceName).AddInMemoryExporter(exported).Build())
        {
            var tracing = new ProtectionTracing(TimeProvider.System);
            var first = new CycleProgress { Id = "cycle-1", Step = CycleStep.CreatingSnapshot, Sequence = 1 };
            var second = first with { Id = "cycle-2", Sequence = 2 };
            tracing.StartCycle(pvm, first);
            var mine = () => exported.Where(a => (string?)a.GetTagItem("snapshotha.protectedvm.uid") == pvm.Metadata.Uid).ToList();
            mine().Should().BeEmpty("the first cycle's root is still open");

            tracing.StartCycle(pvm, second);
            var ended = mine().Should().ContainSingle().Subject;
            ended.GetTagItem("snapshotha.cycle.id").Should().Be("cycle-1");
            ended.Status.Should().Be(ActivityStatusCode.Error);

            tracing.EndCycle(pvm, second);
            mine().Should().HaveCount(2).And.Contain(a => (string?)a.GetTagItem("snapshotha.cycle.id") == "cycle-2" && a.Status == ActivityStatusCode.Ok);
        }
    }

    [Fact]
    public void A_failover_trace_has_its_steps_as_children()
    {
        var exported = new List<Activity>();
        var name = $"fo-{Guid.NewGuid():N}";
        using (Sdk.CreateTracerProviderBuilder().AddSource(ProtectionTracing.SourceName).AddInMemoryExporter(exported).Build())
        {
            var tracing = new ProtectionTracing(TimeProvider.System);
            var traceParent = tracing.StartFailover("prod", name, "db", Api.Failovers.FailoverType.Unplanned);
            using (tracing.StartFailoverStep(traceParent, "prod", name, "fence"))
            {
            }

            using (tracing.StartFailoverStep(traceParent, "prod", name, "power_on"))
            {
            }

            tracing.EndFailover("prod", name, null);
        }

        var mine = exported.Where(a => (string?)a.GetTagItem("snapshotha.failover") == name).ToList();
        var root = mine.Single(a => a.DisplayName == ProtectionTracing.FailoverSpan);
        root.GetTagItem("snapshotha.failover.type").Should().Be("Unplanned");
        mine.Where(a => a.ParentSpanId == root.SpanId).Select(a => a.DisplayName).Should().BeEquivalentTo("failover.fence", "failover.power_on");
    }

    private static ProtectedVM Vm() => new() { Metadata = new() { Name = "db", NamespaceProperty = "prod", Uid = Guid.NewGuid().ToString() } };
}
