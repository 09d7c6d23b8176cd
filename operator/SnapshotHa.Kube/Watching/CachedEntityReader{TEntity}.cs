using k8s;
using k8s.Models;
using SnapshotHa.Kube.Client;

namespace SnapshotHa.Kube.Watching;

/// <summary>
/// Reads entities of a kind the operator watches from the watch cache (<see cref="EntityCache{TEntity}"/>) instead of
/// the API server, like a controller-runtime cached client: periodic checks over every entity and lookups on the hot
/// path then cost no API call. The cache trails the API server by the watch's latency; a key it does not hold (yet) is
/// read from the API server, and before the first list every read goes there. Registered for every kind that has a
/// controller. The returned entities are the cached instances: callers must not change them.
/// </summary>
/// <typeparam name="TEntity">The entity kind.</typeparam>
/// <param name="cache">The kind's watch cache.</param>
/// <param name="client">Reads what the cache does not hold.</param>
public sealed class CachedEntityReader<TEntity>(EntityCache<TEntity> cache, IKubernetesClient client)
    where TEntity : IKubernetesObject<V1ObjectMeta>
{
    /// <summary>Returns the entity from the cache, else from the API server (null when it does not exist).</summary>
    /// <param name="name">The name.</param>
    /// <param name="ns">The namespace; null for cluster-scoped kinds.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The entity or null.</returns>
    public async Task<TEntity?> GetAsync(string name, string? ns, CancellationToken cancellationToken) =>
        cache.TryGet(EntityKey.For(ns, name), out var cached)
            ? cached
            : await client.GetAsync<TEntity>(name, ns, cancellationToken);

    /// <summary>Returns every entity (of <paramref name="ns"/>, or of all namespaces): the cache's once it is synced.</summary>
    /// <param name="ns">The namespace, or null for all.</param>
    /// <param name="cancellationToken">Cancels the list.</param>
    /// <returns>The entities.</returns>
    public async Task<IReadOnlyList<TEntity>> ListAsync(string? ns, CancellationToken cancellationToken)
    {
        if (!cache.IsSynced)
        {
            return [.. await client.ListAsync<TEntity>(ns, null, cancellationToken)];
        }

        var all = cache.Snapshot();
        return ns is null ? all : [.. all.Where(e => e.Metadata.NamespaceProperty == ns)];
    }
}
