namespace SnapshotHa.Kube.Rbac;

/// <summary>
/// Grants the operator <see cref="Verbs"/> on the given entity types. For an entity with a status the generator also
/// grants get/update/patch on its <c>/status</c> subresource, and when <see cref="Verbs"/> includes update it grants
/// update on <c>/finalizers</c> (needed to add finalizers and to create objects whose owner reference blocks the
/// owner's deletion).
/// </summary>
/// <param name="entities">Entity types carrying <c>[KubernetesEntity]</c>.</param>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Assembly, AllowMultiple = true)]
public sealed class EntityRbacAttribute(params Type[] entities) : Attribute
{
    /// <summary>The entity types.</summary>
    public IReadOnlyList<Type> Entities { get; } = entities;

    /// <summary>The verbs granted on the entities.</summary>
    public RbacVerb Verbs { get; init; }
}
