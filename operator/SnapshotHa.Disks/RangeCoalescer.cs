namespace SnapshotHa.Disks;

/// <summary>Joins ascending ranges into maximal runs of the same kind.</summary>
internal sealed class RangeCoalescer
{
    private AllocatedRange? _pending;

    /// <summary>Adds <paramref name="range"/>; returns the run it closed, if any.</summary>
    public AllocatedRange? Add(AllocatedRange range)
    {
        if (_pending is { } pending && pending.End == range.Offset && pending.Kind == range.Kind)
        {
            _pending = pending with { Length = pending.Length + range.Length };
            return null;
        }

        var closed = _pending;
        _pending = range;
        return closed;
    }

    /// <summary>Returns the last open run, if any, and resets.</summary>
    public AllocatedRange? Flush()
    {
        var closed = _pending;
        _pending = null;
        return closed;
    }
}
