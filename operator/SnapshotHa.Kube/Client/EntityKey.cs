using k8s;
using k8s.Models;

namespace SnapshotHa.Kube.Client;

/// <summary>The work-queue and cache key of an entity: <c>namespace/name</c>, or <c>name</c> when cluster-scoped.</summary>
public static class EntityKey
{
    /// <summary>Returns the key of an entity.</summary>
    /// <param name="entity">The entity.</param>
    /// <returns>The key.</returns>
    public static string For(IKubernetesObject<V1ObjectMeta> entity)
    {
        ArgumentNullException.ThrowIfNull(entity);
        return For(entity.Metadata.NamespaceProperty, entity.Metadata.Name);
    }

    /// <summary>Returns the key of a namespace and name.</summary>
    /// <param name="namespace">The namespace, or null when cluster-scoped.</param>
    /// <param name="name">The name.</param>
    /// <returns>The key.</returns>
    public static string For(string? @namespace, string name) =>
        string.IsNullOrEmpty(@namespace) ? name : $"{@namespace}/{name}";

    /// <summary>Splits a key into namespace (null when cluster-scoped) and name.</summary>
    /// <param name="key">The key.</param>
    /// <returns>The namespace and name.</returns>
    public static (string? Namespace, string Name) Parse(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var slash = key.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? (null, key) : (key[..slash], key[(slash + 1)..]);
    }
}
