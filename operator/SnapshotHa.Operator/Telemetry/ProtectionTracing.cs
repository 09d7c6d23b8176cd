using System.Diagnostics;
using SnapshotHa.Api.Failovers;
using SnapshotHa.Api.Protection;
using SnapshotHa.Operator.Merging;

namespace SnapshotHa.Operator.Telemetry;

/// <summary>
/// The operator's traces (ActivitySource <see cref="SourceName"/>): one trace per protection cycle and one per
/// failover. A cycle's root span <c>protection.cycle</c> starts with the cycle and ends after pruning; its traceparent
/// is kept in <c>status.cycle.traceParent</c>, so the step spans of later reconciliations join it:
/// <c>protection.snapshot</c>, <c>protection.ship_and_merge</c> (children <c>protection.ship</c> and
/// <c>protection.merge</c>), <c>protection.consolidate</c>, <c>protection.prune</c>.
/// </summary>
/// <param name="timeProvider">Clock of the spans recorded after the fact.</param>
public sealed class ProtectionTracing(TimeProvider timeProvider)
{
    /// <summary>The ActivitySource name to subscribe to (OpenTelemetry <c>AddSource</c>).</summary>
    public const string SourceName = "SnapshotHa.Operator";

    /// <summary>The root span of a protection cycle.</summary>
    public const string CycleSpan = "protection.cycle";

    /// <summary>The root span of a failover.</summary>
    public const string FailoverSpan = "failover";

    private static readonly ActivitySource Source = new(SourceName, typeof(ProtectionTracing).Assembly.GetName().Version?.ToString());

    private readonly DurableTraces _traces = new(Source);

    /// <summary>Returns the span name of a cycle step.</summary>
    /// <param name="step">The step.</param>
    /// <returns>The span name.</returns>
    public static string SpanOf(CycleStep step) => step switch
    {
        CycleStep.CreatingSnapshot => "protection.snapshot",
        CycleStep.ShippingAndMerging => "protection.ship_and_merge",
        CycleStep.RemovingPreviousSnapshot => "protection.consolidate",
        CycleStep.Pruning => "protection.prune",
        CycleStep.RefreshingStandbys => "protection.refresh_standbys",
        _ => "protection." + step.ToString().ToLowerInvariant(),
    };

    /// <summary>
    /// Starts the trace of a new cycle; store the result in <see cref="CycleProgress.TraceParent"/>. Open roots of the
    /// VM's earlier cycles (finished by another leader meanwhile) end with an error status.
    /// </summary>
    /// <param name="pvm">The ProtectedVM.</param>
    /// <param name="cycle">The new cycle.</param>
    /// <returns>The cycle's traceparent, or null when tracing is off.</returns>
    public string? StartCycle(ProtectedVM pvm, CycleProgress cycle)
    {
        ArgumentNullException.ThrowIfNull(cycle);
        var key = CycleKey(pvm, cycle);
        _traces.EndAll(VmKey(pvm), "Not finished by this operator instance", except: key);
        return _traces.Start(key, CycleSpan, CycleTags(pvm, cycle));
    }

    /// <summary>Starts the span of the cycle's current step under the cycle's trace; dispose it when the step ends.</summary>
    /// <param name="pvm">The ProtectedVM.</param>
    /// <param name="cycle">The cycle in progress.</param>
    /// <returns>The span, or null when tracing is off.</returns>
    public Activity? StartStep(ProtectedVM pvm, CycleProgress cycle)
    {
        ArgumentNullException.ThrowIfNull(cycle);
        return _traces.StartChild(cycle.TraceParent, SpanOf(cycle.Step), CycleTags(pvm, cycle));
    }

    /// <summary>Records <c>protection.ship</c> and <c>protection.merge</c> under the current span from a merge's timings.</summary>
    /// <param name="outcome">The finished merge.</param>
    public void ShippedAndMerged(MergeOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        if (Activity.Current is not { } step)
        {
            return;
        }

        var end = timeProvider.GetUtcNow();
        var mergeStart = end - TimeSpan.FromSeconds(outcome.MergeSeconds);
        var shipStart = mergeStart - TimeSpan.FromSeconds(outcome.ShipSeconds);
        var tags = step.TagObjects.Append(new("snapshotha.delta_bytes", outcome.DeltaBytes)).ToList();
        _traces.Record(step.Context, "protection.ship", shipStart, mergeStart, tags);
        _traces.Record(step.Context, "protection.merge", mergeStart, end, [.. tags, new("snapshotha.new_chunk_bytes", outcome.NewChunkBytes)]);
    }

    /// <summary>Ends the cycle's root span (when this process started it).</summary>
    /// <param name="pvm">The ProtectedVM.</param>
    /// <param name="cycle">The finished cycle.</param>
    public void EndCycle(ProtectedVM pvm, CycleProgress cycle)
    {
        ArgumentNullException.ThrowIfNull(cycle);
        _traces.End(CycleKey(pvm, cycle), null);
    }

    /// <summary>Ends the open cycle traces of a deleted ProtectedVM with an error status.</summary>
    /// <param name="pvm">The deleted ProtectedVM.</param>
    public void Deleted(ProtectedVM pvm) => _traces.EndAll(VmKey(pvm), "ProtectedVM deleted");

    /// <summary>Marks a span failed with the exception's message.</summary>
    /// <param name="span">The span, or null when tracing is off.</param>
    /// <param name="error">The failure.</param>
    public static void Failed(Activity? span, Exception error)
    {
        ArgumentNullException.ThrowIfNull(error);
        span?.SetStatus(ActivityStatusCode.Error, error.Message);
        span?.AddException(error);
    }

    /// <summary>
    /// Starts the trace of a failover (root span <c>failover</c>); keep the result in the Failover's status and pass
    /// it to <see cref="StartFailoverStep"/> from every reconciliation; end it with <see cref="EndFailover"/>.
    /// </summary>
    /// <param name="namespace">The Failover's namespace.</param>
    /// <param name="name">The Failover's name.</param>
    /// <param name="protectedVm">The ProtectedVM failed over.</param>
    /// <param name="type">The failover type.</param>
    /// <returns>The traceparent, or null when tracing is off.</returns>
    public string? StartFailover(string @namespace, string name, string protectedVm, FailoverType type) =>
        _traces.Start(FailoverKey(@namespace, name), FailoverSpan, FailoverTags(@namespace, name, protectedVm, type));

    /// <summary>Starts the span <c>failover.{step}</c> (e.g. fence, restore, power_on) under the failover's trace.</summary>
    /// <param name="traceParent">The traceparent <see cref="StartFailover"/> returned, or null.</param>
    /// <param name="namespace">The Failover's namespace.</param>
    /// <param name="name">The Failover's name.</param>
    /// <param name="step">The step, lower case.</param>
    /// <returns>The span (dispose it when the step ends), or null when tracing is off.</returns>
    public Activity? StartFailoverStep(string? traceParent, string @namespace, string name, string step) =>
        _traces.StartChild(traceParent, "failover." + step, [new("k8s.namespace.name", @namespace), new("snapshotha.failover", name)]);

    /// <summary>Ends the failover's root span (when this process started it).</summary>
    /// <param name="namespace">The Failover's namespace.</param>
    /// <param name="name">The Failover's name.</param>
    /// <param name="error">Why it failed; null when it succeeded.</param>
    public void EndFailover(string @namespace, string name, string? error) => _traces.End(FailoverKey(@namespace, name), error);

    private static string VmKey(ProtectedVM pvm)
    {
        ArgumentNullException.ThrowIfNull(pvm);
        return $"cycle/{pvm.Metadata.NamespaceProperty}/{pvm.Metadata.Name}/";
    }

    private static string CycleKey(ProtectedVM pvm, CycleProgress cycle) => VmKey(pvm) + cycle.Id;

    private static string FailoverKey(string @namespace, string name) => $"failover/{@namespace}/{name}";

    private static List<KeyValuePair<string, object?>> CycleTags(ProtectedVM pvm, CycleProgress cycle) =>
    [
        new("k8s.namespace.name", pvm.Metadata.NamespaceProperty),
        new("snapshotha.protectedvm", pvm.Metadata.Name),
        new("snapshotha.protectedvm.uid", pvm.Metadata.Uid),
        new("snapshotha.cycle.id", cycle.Id),
        new("snapshotha.cycle.sequence", cycle.Sequence),
    ];

    private static List<KeyValuePair<string, object?>> FailoverTags(string @namespace, string name, string protectedVm, FailoverType type) =>
    [
        new("k8s.namespace.name", @namespace),
        new("snapshotha.failover", name),
        new("snapshotha.failover.type", type.ToString()),
        new("snapshotha.protectedvm", protectedVm),
    ];
}
