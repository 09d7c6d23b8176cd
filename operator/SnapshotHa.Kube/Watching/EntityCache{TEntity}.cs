using System.Collections.Concurrent;
using k8s;
using k8s.Models;
using SnapshotHa.Kube.Client;

namespace SnapshotHa.Kube.Watching;

/// <summary>
/// The last-seen state of every entity of one kind, keyed namespace/name, fed by the watcher. A deleted entity
/// leaves a tombstone with its last-seen state until the controller's <c>DeletedAsync</c> has handled it.
/// Thread-safe. Readers (<see cref="TryGet"/>, <see cref="Snapshot"/>, <see cref="CachedEntityReader{TEntity}"/>) get
/// the cached instances themselves: they must not change them.
/// </summary>
/// <typeparam name="TEntity">The entity kind.</typeparam>
public sealed class EntityCache<TEntity>
    where TEntity : IKubernetesObject<V1ObjectMeta>
{
    private readonly ConcurrentDictionary<string, TEntity> _live = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, TEntity> _tombstones = new(StringComparer.Ordinal);
    private volatile bool _synced;

    /// <summary>The number of live entities.</summary>
    public int Count => _live.Count;

    /// <summary>Gets whether the watcher has listed the kind at least once, so that the cache holds every entity.</summary>
    public bool IsSynced => _synced;

    /// <summary>The keys of the live entities.</summary>
    public ICollection<string> Keys => _live.Keys;

    /// <summary>Returns the last-seen live state of a key.</summary>
    /// <param name="key">The namespace/name key.</param>
    /// <param name="entity">The entity, when present.</param>
    /// <returns>Whether the key is live.</returns>
    public bool TryGet(string key, out TEntity entity) => _live.TryGetValue(key, out entity!);

    /// <summary>The live entities at this moment (a copy of the set, not of the entities), in no particular order.</summary>
    /// <returns>The entities; empty before the first list.</returns>
    public IReadOnlyList<TEntity> Snapshot() => [.. _live.Values];

    /// <summary>Records that the watcher's list has filled the cache (called by the watcher after each full list).</summary>
    public void MarkSynced() => _synced = true;

    /// <summary>Stores the state of an entity and clears a tombstone of its key.</summary>
    /// <param name="entity">The entity as observed.</param>
    /// <returns>The previously seen state, or default when the key was not live.</returns>
    public TEntity? Upsert(TEntity entity)
    {
        var key = EntityKey.For(entity);
        TEntity? previous = default;
        _live.AddOrUpdate(key, entity, (_, old) =>
        {
            previous = old;
            return entity;
        });
        _tombstones.TryRemove(key, out _);
        return previous;
    }

    /// <summary>Removes a live key and keeps <paramref name="lastSeen"/> as its tombstone.</summary>
    /// <param name="key">The key.</param>
    /// <param name="lastSeen">The last state of the entity.</param>
    public void MarkDeleted(string key, TEntity lastSeen)
    {
        _live.TryRemove(key, out _);
        _tombstones[key] = lastSeen;
    }

    /// <summary>Returns the tombstone of a deleted key.</summary>
    /// <param name="key">The key.</param>
    /// <param name="lastSeen">The last-seen state.</param>
    /// <returns>Whether a tombstone exists.</returns>
    public bool TryGetTombstone(string key, out TEntity lastSeen) => _tombstones.TryGetValue(key, out lastSeen!);

    /// <summary>Drops the tombstone of a key, if it is still <paramref name="lastSeen"/>.</summary>
    /// <param name="key">The key.</param>
    /// <param name="lastSeen">The tombstone that was handled.</param>
    public void ForgetTombstone(string key, TEntity lastSeen) =>
        _tombstones.TryRemove(new KeyValuePair<string, TEntity>(key, lastSeen));
}
