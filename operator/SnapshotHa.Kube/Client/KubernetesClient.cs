using k8s;
using k8s.Models;

namespace SnapshotHa.Kube.Client;

/// <summary>
/// <see cref="IKubernetesClient"/> over <see cref="IKubernetes.CustomObjects"/>. An entity without a namespace is
/// addressed as cluster-scoped. The shared <see cref="IKubernetes"/> is never disposed here.
/// </summary>
/// <param name="kubernetes">The Kubernetes API client.</param>
public sealed class KubernetesClient(IKubernetes kubernetes) : IKubernetesClient
{
    /// <inheritdoc />
    public async Task<TEntity?> GetAsync<TEntity>(
        string name, string? @namespace = null, CancellationToken cancellationToken = default)
        where TEntity : IKubernetesObject<V1ObjectMeta>
    {
        var meta = EntityMetadata.For<TEntity>();
        try
        {
            return @namespace is null
                ? await kubernetes.CustomObjects.GetClusterCustomObjectAsync<TEntity>(
                    meta.Group, meta.Version, meta.Plural, name, cancellationToken)
                : await kubernetes.CustomObjects.GetNamespacedCustomObjectAsync<TEntity>(
                    meta.Group, meta.Version, @namespace, meta.Plural, name, cancellationToken);
        }
        catch (Exception e) when (e.IsNotFound())
        {
            return default;
        }
    }

    /// <inheritdoc />
    public async Task<IList<TEntity>> ListAsync<TEntity>(
        string? @namespace = null, string? labelSelector = null, CancellationToken cancellationToken = default)
        where TEntity : IKubernetesObject<V1ObjectMeta>
    {
        var meta = EntityMetadata.For<TEntity>();
        var list = @namespace is null
            ? await kubernetes.CustomObjects.ListCustomObjectForAllNamespacesAsync<EntityList<TEntity>>(
                meta.Group, meta.Version, meta.Plural, labelSelector: labelSelector, cancellationToken: cancellationToken)
            : await kubernetes.CustomObjects.ListNamespacedCustomObjectAsync<EntityList<TEntity>>(
                meta.Group, meta.Version, @namespace, meta.Plural, labelSelector: labelSelector,
                cancellationToken: cancellationToken);
        return list.Items;
    }

    /// <inheritdoc />
    public Task<TEntity> CreateAsync<TEntity>(TEntity entity, CancellationToken cancellationToken = default)
        where TEntity : IKubernetesObject<V1ObjectMeta>
    {
        ArgumentNullException.ThrowIfNull(entity);
        var meta = EntityMetadata.For<TEntity>();
        FillTypeFields(entity, meta);
        var ns = entity.Metadata.NamespaceProperty;
        return ns is null
            ? kubernetes.CustomObjects.CreateClusterCustomObjectAsync<TEntity>(
                entity, meta.Group, meta.Version, meta.Plural, cancellationToken: cancellationToken)
            : kubernetes.CustomObjects.CreateNamespacedCustomObjectAsync<TEntity>(
                entity, meta.Group, meta.Version, ns, meta.Plural, cancellationToken: cancellationToken);
    }

    /// <inheritdoc />
    public Task<TEntity> UpdateAsync<TEntity>(TEntity entity, CancellationToken cancellationToken = default)
        where TEntity : IKubernetesObject<V1ObjectMeta>
    {
        ArgumentNullException.ThrowIfNull(entity);
        var meta = EntityMetadata.For<TEntity>();
        FillTypeFields(entity, meta);
        var ns = entity.Metadata.NamespaceProperty;
        return ns is null
            ? kubernetes.CustomObjects.ReplaceClusterCustomObjectAsync<TEntity>(
                entity, meta.Group, meta.Version, meta.Plural, entity.Metadata.Name, cancellationToken: cancellationToken)
            : kubernetes.CustomObjects.ReplaceNamespacedCustomObjectAsync<TEntity>(
                entity, meta.Group, meta.Version, ns, meta.Plural, entity.Metadata.Name,
                cancellationToken: cancellationToken);
    }

    /// <inheritdoc />
    public Task<TEntity> UpdateStatusAsync<TEntity>(TEntity entity, CancellationToken cancellationToken = default)
        where TEntity : IKubernetesObject<V1ObjectMeta>
    {
        ArgumentNullException.ThrowIfNull(entity);
        var meta = EntityMetadata.For<TEntity>();
        FillTypeFields(entity, meta);
        var ns = entity.Metadata.NamespaceProperty;
        return ns is null
            ? kubernetes.CustomObjects.ReplaceClusterCustomObjectStatusAsync<TEntity>(
                entity, meta.Group, meta.Version, meta.Plural, entity.Metadata.Name, cancellationToken: cancellationToken)
            : kubernetes.CustomObjects.ReplaceNamespacedCustomObjectStatusAsync<TEntity>(
                entity, meta.Group, meta.Version, ns, meta.Plural, entity.Metadata.Name,
                cancellationToken: cancellationToken);
    }

    /// <inheritdoc />
    public async Task DeleteAsync<TEntity>(TEntity entity, CancellationToken cancellationToken = default)
        where TEntity : IKubernetesObject<V1ObjectMeta>
    {
        ArgumentNullException.ThrowIfNull(entity);
        var meta = EntityMetadata.For<TEntity>();
        var ns = entity.Metadata.NamespaceProperty;
        try
        {
            if (ns is null)
            {
                await kubernetes.CustomObjects.DeleteClusterCustomObjectAsync(
                    meta.Group, meta.Version, meta.Plural, entity.Metadata.Name, cancellationToken: cancellationToken);
            }
            else
            {
                await kubernetes.CustomObjects.DeleteNamespacedCustomObjectAsync(
                    meta.Group, meta.Version, ns, meta.Plural, entity.Metadata.Name,
                    cancellationToken: cancellationToken);
            }
        }
        catch (Exception e) when (e.IsNotFound())
        {
            // Already gone: deleting is idempotent.
        }
    }

    private static void FillTypeFields<TEntity>(TEntity entity, EntityMetadata meta)
        where TEntity : IKubernetesObject<V1ObjectMeta>
    {
        if (string.IsNullOrEmpty(entity.ApiVersion))
        {
            entity.ApiVersion = meta.ApiVersion;
        }

        if (string.IsNullOrEmpty(entity.Kind))
        {
            entity.Kind = meta.Kind;
        }
    }
}
