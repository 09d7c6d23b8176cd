namespace SnapshotHa.Kube.Entities.Attributes;

/// <summary>The scope of the resource; resources without it are namespaced.</summary>
/// <param name="scope">Namespaced or cluster-scoped.</param>
[AttributeUsage(AttributeTargets.Class)]
public sealed class EntityScopeAttribute(EntityScope scope) : Attribute
{
    /// <summary>The scope.</summary>
    public EntityScope Scope { get; } = scope;
}
