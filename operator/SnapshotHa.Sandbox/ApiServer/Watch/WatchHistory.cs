using SnapshotHa.Sandbox.ApiServer.Storage;

namespace SnapshotHa.Sandbox.ApiServer.Watch;

/// <summary>The bounded history of committed events a watch can resume from. Not thread-safe: used under the store lock.</summary>
internal sealed class WatchHistory(int limit, long startResourceVersion)
{
    private readonly Queue<WatchEvent> _events = new();

    /// <summary>Events newer than this resourceVersion are all retained; a resume from an older one gets 410 Gone.</summary>
    public long OldestResumable { get; private set; } = startResourceVersion;

    /// <summary>Records a committed event, dropping the oldest beyond the limit.</summary>
    public void Add(WatchEvent watchEvent)
    {
        _events.Enqueue(watchEvent);
        while (_events.Count > Math.Max(limit, 0))
        {
            OldestResumable = _events.Dequeue().ResourceVersion;
        }
    }

    /// <summary>Forgets every event: only watches from <paramref name="currentResourceVersion"/> on can resume.</summary>
    public void Compact(long currentResourceVersion)
    {
        _events.Clear();
        OldestResumable = currentResourceVersion;
    }

    /// <summary>The retained events newer than <paramref name="resourceVersion"/> about objects <paramref name="matches"/> accepts.</summary>
    public IEnumerable<WatchEvent> After(long resourceVersion, Func<StoredObject, bool> matches) =>
        _events.Where(e => e.ResourceVersion > resourceVersion && e.Object is not null && matches(e.Object));
}
