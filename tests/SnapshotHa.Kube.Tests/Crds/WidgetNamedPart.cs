using SnapshotHa.Kube.Entities.Attributes;

namespace SnapshotHa.Kube.Tests.Crds;

[Description("A named part.")]
public sealed record WidgetNamedPart
{
    [Required]
    [Description("Name of the part.")]
    public string Name { get; set; } = "";

    [Description("Count of the part.")]
    public int Count { get; set; }
}
