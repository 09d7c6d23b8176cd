using k8s;
using k8s.Models;

namespace SnapshotHa.Kube.Client;

/// <summary>
/// Typed access to namespaced custom entities (the KubeOps <c>IKubernetesClient</c> subset the runtime needs).
/// Writes send the entity's metadata.resourceVersion, so a stale entity is rejected with 409 Conflict
/// (<see cref="k8s.Autorest.HttpOperationException"/>); callers continue with the returned entity.
/// </summary>
public interface IKubernetesClient
{
    /// <summary>Reads one entity.</summary>
    /// <typeparam name="TEntity">The entity kind.</typeparam>
    /// <param name="name">The entity name.</param>
    /// <param name="namespace">The namespace.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The entity, or null when it does not exist.</returns>
    Task<TEntity?> GetAsync<TEntity>(string name, string? @namespace = null, CancellationToken cancellationToken = default)
        where TEntity : IKubernetesObject<V1ObjectMeta>;

    /// <summary>Lists entities in one namespace, or in all namespaces when <paramref name="namespace"/> is null.</summary>
    /// <typeparam name="TEntity">The entity kind.</typeparam>
    /// <param name="namespace">The namespace, or null for all.</param>
    /// <param name="labelSelector">An optional label selector.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The entities.</returns>
    Task<IList<TEntity>> ListAsync<TEntity>(
        string? @namespace = null, string? labelSelector = null, CancellationToken cancellationToken = default)
        where TEntity : IKubernetesObject<V1ObjectMeta>;

    /// <summary>Creates an entity.</summary>
    /// <typeparam name="TEntity">The entity kind.</typeparam>
    /// <param name="entity">The entity; apiVersion and kind are filled in when empty.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The entity as stored.</returns>
    Task<TEntity> CreateAsync<TEntity>(TEntity entity, CancellationToken cancellationToken = default)
        where TEntity : IKubernetesObject<V1ObjectMeta>;

    /// <summary>Replaces an entity (spec and metadata; the status is ignored by the server).</summary>
    /// <typeparam name="TEntity">The entity kind.</typeparam>
    /// <param name="entity">The entity with the resourceVersion it was read at.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The entity as stored.</returns>
    Task<TEntity> UpdateAsync<TEntity>(TEntity entity, CancellationToken cancellationToken = default)
        where TEntity : IKubernetesObject<V1ObjectMeta>;

    /// <summary>Replaces the status subresource of an entity.</summary>
    /// <typeparam name="TEntity">The entity kind.</typeparam>
    /// <param name="entity">The entity with the resourceVersion it was read at.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The entity as stored.</returns>
    Task<TEntity> UpdateStatusAsync<TEntity>(TEntity entity, CancellationToken cancellationToken = default)
        where TEntity : IKubernetesObject<V1ObjectMeta>;

    /// <summary>Deletes an entity; an entity that does not exist is ignored.</summary>
    /// <typeparam name="TEntity">The entity kind.</typeparam>
    /// <param name="entity">The entity.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>A task that completes when the deletion was accepted.</returns>
    Task DeleteAsync<TEntity>(TEntity entity, CancellationToken cancellationToken = default)
        where TEntity : IKubernetesObject<V1ObjectMeta>;
}
