using SnapshotHa.Kube.Entities.Attributes;

namespace SnapshotHa.Kube.Tests.Crds;

[Description("Free-form extras.")]
public sealed record WidgetExtras
{
    [Description("A known extra.")]
    public string? Known { get; set; }
}
