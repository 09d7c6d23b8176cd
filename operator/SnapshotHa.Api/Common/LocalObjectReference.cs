using SnapshotHa.Kube.Entities.Attributes;

namespace SnapshotHa.Api.Common;

/// <summary>A reference to an object in the same namespace.</summary>
[Description("A reference to an object in the same namespace.")]
public sealed record LocalObjectReference
{
    /// <summary>The object's name.</summary>
    [Required]
    [Length(MinLength = 1, MaxLength = 253)]
    [Pattern(Patterns.ObjectName)]
    [Description("Name of the referenced object, in the same namespace as this resource.")]
    public string Name { get; set; } = "";
}
