using System.Text.Json.Nodes;
using SnapshotHa.Kube.Crds;
using SnapshotHa.Kube.Tests.Crds;
using SnapshotHa.Kube.Validation;

namespace SnapshotHa.Kube.Tests.Validation;

/// <summary>The validator of the generated test CRD, and a valid widget to break.</summary>
internal static class WidgetSchema
{
    public static CustomResourceSchema Schema { get; } = CustomResourceSchema.FromCrd(CrdGenerator.Generate(typeof(Widget)));

    public static JsonObject Valid() => JsonNode.Parse("""
        {
          "apiVersion": "test.snapshotha.io/v1",
          "kind": "Widget",
          "metadata": { "name": "w", "labels": { "a": "b" } },
          "spec": {
            "mode": "Interval",
            "size": 3,
            "tags": ["red"],
            "limits": { "cpu": "500m", "memory": 1024 },
            "parts": [ { "name": "a", "count": 1 }, { "name": "b" } ],
            "madeAt": "2026-11-20T10:00:00Z"
          }
        }
        """)!.AsObject();
}
