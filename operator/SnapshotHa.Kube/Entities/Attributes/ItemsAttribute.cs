namespace SnapshotHa.Kube.Entities.Attributes;

/// <summary>Bounds the number of items of a list field (<c>minItems</c>, <c>maxItems</c>); a negative value means unbounded.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class ItemsAttribute : Attribute
{
    /// <summary>The minimum number of items, or -1.</summary>
    public int MinItems { get; init; } = -1;

    /// <summary>The maximum number of items, or -1.</summary>
    public int MaxItems { get; init; } = -1;
}
