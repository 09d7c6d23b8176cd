using System.Text.Json.Serialization;

namespace SnapshotHa.Sandbox.Tests.Support;

public sealed class WidgetStatus
{
    [JsonPropertyName("phase")]
    public string? Phase { get; set; }
}
