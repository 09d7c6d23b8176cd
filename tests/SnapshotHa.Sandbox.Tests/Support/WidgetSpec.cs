using System.Text.Json.Serialization;

namespace SnapshotHa.Sandbox.Tests.Support;

public sealed class WidgetSpec
{
    [JsonPropertyName("size")]
    public int Size { get; set; }

    [JsonPropertyName("color")]
    public string? Color { get; set; }
}
