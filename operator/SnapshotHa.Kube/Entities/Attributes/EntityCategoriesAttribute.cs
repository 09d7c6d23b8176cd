namespace SnapshotHa.Kube.Entities.Attributes;

/// <summary>Categories the resource belongs to, so <c>kubectl get &lt;category&gt;</c> lists it.</summary>
/// <param name="categories">The category names, lowercase.</param>
[AttributeUsage(AttributeTargets.Class)]
public sealed class EntityCategoriesAttribute(params string[] categories) : Attribute
{
    /// <summary>The category names.</summary>
    public IReadOnlyList<string> Categories { get; } = categories;
}
