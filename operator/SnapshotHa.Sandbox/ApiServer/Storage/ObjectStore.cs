using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using SnapshotHa.Sandbox.ApiServer.Errors;
using SnapshotHa.Sandbox.ApiServer.Resources;
using SnapshotHa.Sandbox.ApiServer.Watch;

namespace SnapshotHa.Sandbox.ApiServer.Storage;

/// <summary>
/// The in-memory object store: one global resourceVersion counter, every object by resource and namespace/name,
/// and the watch fan-out. Every change runs under one lock, so watchers see commits in resourceVersion order.
/// </summary>
internal sealed class ObjectStore(int historyLimit)
{
    private const long FirstResourceVersion = 1;
    private readonly Lock _lock = new();
    private readonly Dictionary<string, SortedDictionary<string, StoredObject>> _objects = [];
    private readonly Dictionary<string, StoredObject> _byUid = [];
    private readonly List<WatchSubscription> _subscriptions = [];
    private readonly WatchHistory _history = new(historyLimit, FirstResourceVersion);
    private long _resourceVersion = FirstResourceVersion;

    /// <summary>The latest committed resourceVersion.</summary>
    public long CurrentResourceVersion
    {
        get
        {
            lock (_lock)
            {
                return _resourceVersion;
            }
        }
    }

    /// <summary>The object, or null when absent.</summary>
    public StoredObject? Get(ResourceType type, string? ns, string name)
    {
        lock (_lock)
        {
            return Bucket(type).GetValueOrDefault(Key(ns, name));
        }
    }

    /// <summary>The objects of a resource in one namespace (all when <paramref name="ns"/> is null) and the list resourceVersion.</summary>
    public (IReadOnlyList<StoredObject> Items, long ResourceVersion) List(ResourceType type, string? ns)
    {
        lock (_lock)
        {
            var items = Bucket(type).Values.Where(o => ns is null || o.Namespace == ns).ToArray();
            return (items, _resourceVersion);
        }
    }

    /// <summary>Every stored object of every resource.</summary>
    public IReadOnlyList<StoredObject> All()
    {
        lock (_lock)
        {
            return _objects.Values.SelectMany(b => b.Values).ToArray();
        }
    }

    /// <summary>Whether an object with this uid exists.</summary>
    public bool Exists(string uid)
    {
        lock (_lock)
        {
            return _byUid.ContainsKey(uid);
        }
    }

    /// <summary>
    /// Atomically decides and commits a change to one object: <paramref name="decide"/> gets a mutable copy of the current
    /// object (null when absent) and may throw <see cref="ApiException"/> to refuse.
    /// </summary>
    public StoreOutcome Change(ResourceType type, string? ns, string name, Func<JsonObject?, StoreDecision> decide)
    {
        lock (_lock)
        {
            var bucket = Bucket(type);
            var key = Key(ns, name);
            var current = bucket.GetValueOrDefault(key);
            var decision = decide(current?.ToNode());
            switch (decision.Action)
            {
                case StoreAction.Keep:
                    return new StoreOutcome(StoreAction.Keep, current ?? throw ApiErrors.NotFound(type, name), false);
                case StoreAction.Write:
                    var written = Commit(type, ns, name, decision.Object!);
                    bucket[key] = written;
                    _byUid[written.Uid] = written;
                    Publish(new WatchEvent(current is null ? WatchEvent.Added : WatchEvent.Modified, written, written.ResourceVersion));
                    return new StoreOutcome(StoreAction.Write, written, current is null);
                default:
                    if (current is null)
                    {
                        throw ApiErrors.NotFound(type, name);
                    }

                    var removed = Commit(type, ns, name, decision.Object!);
                    bucket.Remove(key);
                    _byUid.Remove(current.Uid);
                    Publish(new WatchEvent(WatchEvent.Deleted, removed, removed.ResourceVersion));
                    return new StoreOutcome(StoreAction.Delete, removed, false);
            }
        }
    }

    /// <summary>
    /// Opens a watch. A null or zero <paramref name="fromResourceVersion"/> first replays the current objects as ADDED;
    /// otherwise the retained events after it are replayed. Throws <see cref="ApiException"/> 410 Expired when the history
    /// no longer reaches back that far.
    /// </summary>
    public WatchSubscription Watch(ResourceType? type, string? ns, long? fromResourceVersion)
    {
        lock (_lock)
        {
            var subscription = new WatchSubscription(type?.StorageKey, ns);
            if (fromResourceVersion is null or 0)
            {
                var current = type is null ? _objects.Values.SelectMany(b => b.Values) : Bucket(type).Values;
                foreach (var obj in current.Where(subscription.Matches))
                {
                    subscription.Offer(new WatchEvent(WatchEvent.Added, obj, obj.ResourceVersion));
                }
            }
            else
            {
                if (fromResourceVersion < _history.OldestResumable)
                {
                    throw new ApiException(410, "Expired", string.Create(
                        CultureInfo.InvariantCulture, $"too old resource version: {fromResourceVersion} ({_history.OldestResumable + 1})"));
                }

                foreach (var past in _history.After(fromResourceVersion.Value, subscription.Matches))
                {
                    subscription.Offer(past);
                }
            }

            _subscriptions.Add(subscription);
            return subscription;
        }
    }

    /// <summary>Queues a BOOKMARK at the current resourceVersion behind every event already queued for the watch.</summary>
    public void Bookmark(WatchSubscription subscription)
    {
        lock (_lock)
        {
            subscription.Offer(new WatchEvent(WatchEvent.Bookmark, null, _resourceVersion));
        }
    }

    /// <summary>Closes a watch.</summary>
    public void Unsubscribe(WatchSubscription subscription)
    {
        lock (_lock)
        {
            _subscriptions.Remove(subscription);
        }

        subscription.Complete();
    }

    /// <summary>Forgets the watch history: resumes from any earlier resourceVersion get 410 Gone.</summary>
    public void CompactHistory()
    {
        lock (_lock)
        {
            _history.Compact(_resourceVersion);
        }
    }

    private StoredObject Commit(ResourceType type, string? ns, string name, JsonObject obj)
    {
        _resourceVersion++;
        var metadata = obj["metadata"] as JsonObject ?? new JsonObject();
        obj["metadata"] = metadata;
        metadata["resourceVersion"] = _resourceVersion.ToString(CultureInfo.InvariantCulture);
        var uid = metadata["uid"]?.GetValue<string>() ?? string.Empty;
        return new StoredObject(type, ns, name, uid, _resourceVersion, JsonSerializer.SerializeToUtf8Bytes(obj));
    }

    private void Publish(WatchEvent watchEvent)
    {
        _history.Add(watchEvent);
        foreach (var subscription in _subscriptions)
        {
            if (subscription.Matches(watchEvent.Object!))
            {
                subscription.Offer(watchEvent);
            }
        }
    }

    private SortedDictionary<string, StoredObject> Bucket(ResourceType type)
    {
        if (!_objects.TryGetValue(type.StorageKey, out var bucket))
        {
            bucket = new SortedDictionary<string, StoredObject>(StringComparer.Ordinal);
            _objects[type.StorageKey] = bucket;
        }

        return bucket;
    }

    private static string Key(string? ns, string name) => ns is null ? name : $"{ns}/{name}";
}
