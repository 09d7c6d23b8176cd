using k8s.Models;
using SnapshotHa.Kube.Entities.Attributes;

namespace SnapshotHa.Kube.Tests.Crds;

[Description("The widget's observed state.")]
public sealed record WidgetStatus
{
    [Description("Generation observed.")]
    public long? ObservedGeneration { get; set; }

    [Description("Conditions.")]
    public IList<V1Condition>? Conditions { get; set; }
}
