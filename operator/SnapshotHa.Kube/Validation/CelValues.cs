using System.Text.Json;
using System.Text.Json.Nodes;

namespace SnapshotHa.Kube.Validation;

/// <summary>Converts JSON values into the CLR shapes the Cel library evaluates: maps, lists, long, double, string, bool.</summary>
internal static class CelValues
{
    public static object? From(JsonNode? node) => node switch
    {
        null => null,
        JsonObject o => o.ToDictionary(p => p.Key, p => From(p.Value), StringComparer.Ordinal),
        JsonArray a => a.Select(From).ToList(),
        _ => node.GetValueKind() switch
        {
            JsonValueKind.String => node.GetValue<string>(),
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            JsonValueKind.Number when node.AsValue().TryGetValue<long>(out var l) => l,
            JsonValueKind.Number => node.GetValue<double>(),
            _ => null,
        },
    };
}
