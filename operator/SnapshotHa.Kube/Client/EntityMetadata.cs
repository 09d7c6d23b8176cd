using System.Collections.Concurrent;
using System.Reflection;
using k8s.Models;
using SnapshotHa.Kube.Entities;
using SnapshotHa.Kube.Entities.Attributes;

namespace SnapshotHa.Kube.Client;

/// <summary>
/// The API coordinates of an entity type, read once per type from its <see cref="KubernetesEntityAttribute"/>.
/// </summary>
/// <param name="Kind">The kind, e.g. <c>ProtectedVM</c>.</param>
/// <param name="Group">The API group (empty for the core group).</param>
/// <param name="Version">The API version within the group, e.g. <c>v1alpha1</c>.</param>
/// <param name="Plural">The lowercase plural resource name used in URLs.</param>
/// <param name="Scope">Namespaced (the default) or cluster-scoped, from <see cref="EntityScopeAttribute"/>.</param>
public sealed record EntityMetadata(string Kind, string Group, string Version, string Plural, EntityScope Scope = EntityScope.Namespaced)
{
    private static readonly ConcurrentDictionary<Type, EntityMetadata> Cache = new();

    /// <summary>The apiVersion field value: <c>group/version</c>, or the version alone for the core group.</summary>
    public string ApiVersion => Group.Length == 0 ? Version : $"{Group}/{Version}";

    /// <summary>Returns the coordinates of <typeparamref name="TEntity"/>.</summary>
    /// <typeparam name="TEntity">An entity type carrying <see cref="KubernetesEntityAttribute"/>.</typeparam>
    /// <returns>The coordinates.</returns>
    /// <exception cref="InvalidOperationException">The type has no attribute, or its Kind or ApiVersion is empty.</exception>
    public static EntityMetadata For<TEntity>() => For(typeof(TEntity));

    /// <summary>Returns the coordinates of <paramref name="entityType"/>.</summary>
    /// <param name="entityType">An entity type carrying <see cref="KubernetesEntityAttribute"/>.</param>
    /// <returns>The coordinates.</returns>
    /// <exception cref="InvalidOperationException">The type has no attribute, or its Kind or ApiVersion is empty.</exception>
    public static EntityMetadata For(Type entityType)
    {
        ArgumentNullException.ThrowIfNull(entityType);
        return Cache.GetOrAdd(entityType, static type =>
        {
            var attribute = type.GetCustomAttribute<KubernetesEntityAttribute>()
                ?? throw new InvalidOperationException($"Entity type {type.FullName} has no [KubernetesEntity] attribute.");
            if (string.IsNullOrEmpty(attribute.Kind) || string.IsNullOrEmpty(attribute.ApiVersion))
            {
                throw new InvalidOperationException(
                    $"Entity type {type.FullName}: [KubernetesEntity] needs Kind and ApiVersion.");
            }

            var plural = string.IsNullOrEmpty(attribute.PluralName)
                ? attribute.Kind.ToLowerInvariant() + "s"
                : attribute.PluralName;
            var scope = type.GetCustomAttribute<EntityScopeAttribute>()?.Scope ?? EntityScope.Namespaced;
            return new EntityMetadata(attribute.Kind, attribute.Group ?? string.Empty, attribute.ApiVersion, plural, scope);
        });
    }
}
