namespace SnapshotHa.Disks;

/// <summary>Union of per-layer allocated ranges where the topmost layer's kind wins.</summary>
internal static class RangeUnion
{
    /// <summary>Merges ascending, non-overlapping range lists, index 0 topmost, into coalesced ascending ranges.</summary>
    public static IEnumerable<AllocatedRange> TopmostWins(IReadOnlyList<List<AllocatedRange>> layers)
    {
        var boundaries = new SortedSet<long>();
        foreach (var range in layers.SelectMany(l => l))
        {
            boundaries.Add(range.Offset);
            boundaries.Add(range.End);
        }

        var cursors = new int[layers.Count];
        var coalescer = new RangeCoalescer();
        long? previous = null;
        foreach (var boundary in boundaries)
        {
            if (previous is { } start && KindAt(layers, cursors, start) is { } kind
                && coalescer.Add(new AllocatedRange(start, boundary - start, kind)) is { } closed)
            {
                yield return closed;
            }

            previous = boundary;
        }

        if (coalescer.Flush() is { } last)
        {
            yield return last;
        }
    }

    private static ExtentKind? KindAt(IReadOnlyList<List<AllocatedRange>> layers, int[] cursors, long offset)
    {
        for (var index = 0; index < layers.Count; index++)
        {
            var ranges = layers[index];
            while (cursors[index] < ranges.Count && ranges[cursors[index]].End <= offset)
            {
                cursors[index]++;
            }

            if (cursors[index] < ranges.Count && ranges[cursors[index]].Offset <= offset)
            {
                return ranges[cursors[index]].Kind;
            }
        }

        return null;
    }
}
