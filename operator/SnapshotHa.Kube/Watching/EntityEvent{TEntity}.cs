using k8s;
using k8s.Models;

namespace SnapshotHa.Kube.Watching;

/// <summary>A change observed by a watcher, after the cache was updated.</summary>
/// <typeparam name="TEntity">The entity kind.</typeparam>
/// <param name="Type">Added, Modified or Deleted (synthesised for entities gone during a relist).</param>
/// <param name="Entity">The new state (the last-seen state for Deleted).</param>
/// <param name="Previous">The previously cached state, if any.</param>
public sealed record EntityEvent<TEntity>(WatchEventType Type, TEntity Entity, TEntity? Previous)
    where TEntity : IKubernetesObject<V1ObjectMeta>;
