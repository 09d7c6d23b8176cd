using System.Text.Json.Serialization;
using SnapshotHa.Kube.Entities.Attributes;

namespace SnapshotHa.Kube.Tests.Crds;

[Description("How a widget runs.")]
[JsonConverter(typeof(JsonStringEnumConverter<WidgetMode>))]
public enum WidgetMode
{
    Interval,
    DeltaThreshold,
    [JsonStringEnumMemberName("adaptive-mode")]
    Adaptive,
}
