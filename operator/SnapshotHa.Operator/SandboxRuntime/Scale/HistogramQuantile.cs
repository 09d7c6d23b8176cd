namespace SnapshotHa.Operator.SandboxRuntime.Scale;

/// <summary>Quantiles of a Prometheus histogram the way PromQL's <c>histogram_quantile</c> estimates them.</summary>
public static class HistogramQuantile
{
    /// <summary>
    /// Estimates quantile <paramref name="q"/> of the observations between two scrapes of the same histogram: linear
    /// interpolation inside the bucket that holds the rank; the highest finite bound when the rank falls into +Inf.
    /// </summary>
    /// <param name="before">Cumulative buckets at the start (empty for none).</param>
    /// <param name="after">Cumulative buckets at the end.</param>
    /// <param name="q">The quantile, 0..1.</param>
    /// <returns>The estimate in the histogram's unit, or null without observations.</returns>
    public static double? Between(IReadOnlyDictionary<double, double> before, SortedDictionary<double, double> after, double q)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var deltas = after.Select(b => (Bound: b.Key, Count: b.Value - before.GetValueOrDefault(b.Key))).ToList();
        var total = deltas.Count == 0 ? 0 : deltas[^1].Count;
        if (total <= 0)
        {
            return null;
        }

        var rank = q * total;
        var lower = 0.0;
        var below = 0.0;
        foreach (var (bound, count) in deltas)
        {
            if (count >= rank)
            {
                if (double.IsPositiveInfinity(bound))
                {
                    return lower;
                }

                return count == below ? bound : lower + ((bound - lower) * (rank - below) / (count - below));
            }

            lower = bound;
            below = count;
        }

        return lower;
    }
}
