using Prometheus;

namespace SnapshotHa.Operator.Telemetry;

/// <summary>Removes the labelled series of a collector that match a predicate (a deleted object's series).</summary>
internal static class SeriesRemoval
{
    /// <summary>Removes every series of <paramref name="collector"/> whose label values match.</summary>
    /// <param name="collector">A labelled counter, gauge or histogram.</param>
    /// <param name="matches">Receives the label values in label-name order.</param>
    public static void RemoveWhere(Collector collector, Func<string[], bool> matches)
    {
        switch (collector)
        {
            case Counter counter:
                Remove(counter.GetAllLabelValues(), matches, counter.RemoveLabelled);
                break;
            case Gauge gauge:
                Remove(gauge.GetAllLabelValues(), matches, gauge.RemoveLabelled);
                break;
            case Histogram histogram:
                Remove(histogram.GetAllLabelValues(), matches, histogram.RemoveLabelled);
                break;
            default:
                throw new ArgumentException($"Unsupported collector type {collector.GetType().Name}", nameof(collector));
        }
    }

    private static void Remove(IEnumerable<string[]> series, Func<string[], bool> matches, Action<string[]> remove)
    {
        foreach (var values in series.Where(matches).ToList())
        {
            remove(values);
        }
    }
}
