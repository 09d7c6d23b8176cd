namespace SnapshotHa.Kube.Entities.Attributes;

/// <summary>The schema description of a field or type; <c>kubectl explain</c> shows it.</summary>
/// <param name="description">One or more sentences describing the field, its unit and its default.</param>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Class | AttributeTargets.Enum)]
public sealed class DescriptionAttribute(string description) : Attribute
{
    /// <summary>The description text.</summary>
    public string Description { get; } = description;
}
