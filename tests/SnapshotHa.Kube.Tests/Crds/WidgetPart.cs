using System.Text.Json.Serialization;
using SnapshotHa.Kube.Entities.Attributes;

namespace SnapshotHa.Kube.Tests.Crds;

[Description("Nested settings.")]
public sealed record WidgetPart
{
    [DefaultValue(true)]
    [Description("Whether the part is on.")]
    public bool Enabled { get; set; } = true;

    [DefaultValue(WidgetMode.Adaptive)]
    [Description("The part's mode.")]
    public WidgetMode Mode { get; set; } = WidgetMode.Adaptive;

    [JsonPropertyName("custom_name")]
    [Description("A field with an explicit JSON name.")]
    public string? CustomName { get; set; }
}
