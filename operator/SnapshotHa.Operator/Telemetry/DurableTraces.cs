using System.Collections.Concurrent;
using System.Diagnostics;

namespace SnapshotHa.Operator.Telemetry;

/// <summary>
/// Traces of work that spans several reconciliations (a protection cycle, a failover). The root span is started
/// once and kept open in memory until <see cref="End"/>; its W3C <c>traceparent</c> goes into the object's status, so
/// every later step, in this process or in the next leader, parents its span on it. When the operator restarts
/// mid-way the open root is lost with the process: the later steps still join the same trace, under a parent the
/// backend never receives.
/// </summary>
/// <param name="source">The activity source.</param>
internal sealed class DurableTraces(ActivitySource source)
{
    private readonly ConcurrentDictionary<string, Activity> _open = new(StringComparer.Ordinal);

    /// <summary>Starts a root span (a new trace) and keeps it open; returns its traceparent, or null when nothing listens.</summary>
    /// <param name="key">Identifies the work (one open root per key; a second start replaces the first).</param>
    /// <param name="name">The span name.</param>
    /// <param name="tags">The span's attributes.</param>
    /// <returns>The W3C traceparent, or null when the span is not sampled.</returns>
    public string? Start(string key, string name, IEnumerable<KeyValuePair<string, object?>> tags)
    {
        var current = Activity.Current;
        try
        {
            Activity.Current = null;
            var root = source.StartActivity(name, ActivityKind.Internal, default(ActivityContext), tags);
            if (root is null)
            {
                return null;
            }

            if (_open.TryRemove(key, out var replaced))
            {
                replaced.SetStatus(ActivityStatusCode.Error, "Restarted");
                replaced.Stop();
            }

            _open[key] = root;
            return root.Id;
        }
        finally
        {
            Activity.Current = current;
        }
    }

    /// <summary>Starts a child span of the stored root (it becomes <see cref="Activity.Current"/>); dispose it to end it.</summary>
    /// <param name="traceParent">The stored traceparent; null or malformed starts a trace of its own.</param>
    /// <param name="name">The span name.</param>
    /// <param name="tags">The span's attributes.</param>
    /// <returns>The span, or null when nothing listens.</returns>
    public Activity? StartChild(string? traceParent, string name, IEnumerable<KeyValuePair<string, object?>> tags) =>
        source.StartActivity(name, ActivityKind.Internal, ParentOf(traceParent), tags);

    /// <summary>Records a finished span after the fact, as a child of <paramref name="parent"/>.</summary>
    /// <param name="parent">The parent span's context.</param>
    /// <param name="name">The span name.</param>
    /// <param name="start">When the work started.</param>
    /// <param name="end">When it ended.</param>
    /// <param name="tags">The span's attributes.</param>
    public void Record(ActivityContext parent, string name, DateTimeOffset start, DateTimeOffset end, IEnumerable<KeyValuePair<string, object?>> tags)
    {
        var current = Activity.Current;
        try
        {
            using var span = source.StartActivity(name, ActivityKind.Internal, parent, tags, null, start);
            span?.SetEndTime(end.UtcDateTime);
        }
        finally
        {
            Activity.Current = current;
        }
    }

    /// <summary>
    /// Ends the open root of <paramref name="key"/>, if this process started it. The current span, when it is a
    /// child of that root (the step that finished the work), ends first, so the root encloses it.
    /// </summary>
    /// <param name="key">The work's key.</param>
    /// <param name="error">Why the work failed; null for success.</param>
    /// <returns>Whether a root was open.</returns>
    public bool End(string key, string? error)
    {
        if (!_open.TryRemove(key, out var root))
        {
            return false;
        }

        if (Activity.Current is { } step && step.TraceId == root.TraceId && step.ParentSpanId == root.SpanId)
        {
            step.Stop();
        }

        root.SetStatus(error is null ? ActivityStatusCode.Ok : ActivityStatusCode.Error, error);
        root.Stop();
        return true;
    }

    /// <summary>Ends every open root whose key starts with <paramref name="prefix"/>.</summary>
    /// <param name="prefix">The key prefix.</param>
    /// <param name="error">The reason recorded on them.</param>
    /// <param name="except">A key left open (its own start replaces it).</param>
    public void EndAll(string prefix, string error, string? except = null)
    {
        foreach (var key in _open.Keys.Where(k => k.StartsWith(prefix, StringComparison.Ordinal) && k != except).ToList())
        {
            End(key, error);
        }
    }

    private static ActivityContext ParentOf(string? traceParent) =>
        traceParent is not null && ActivityContext.TryParse(traceParent, null, isRemote: true, out var context) ? context : default;
}
