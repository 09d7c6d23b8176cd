using System.Text.Json.Nodes;

namespace SnapshotHa.Kube.Validation;

/// <summary>The parts of a CRD's OpenAPI schema node that defaulting, pruning, list semantics and CEL need.</summary>
internal sealed class StructuralSchema
{
    public string? Type { get; private init; }

    public IReadOnlyDictionary<string, StructuralSchema> Properties { get; private init; } = new Dictionary<string, StructuralSchema>();

    public StructuralSchema? Items { get; private init; }

    public StructuralSchema? AdditionalProperties { get; private init; }

    public JsonNode? Default { get; private init; }

    public bool Nullable { get; private init; }

    public bool PreserveUnknownFields { get; private init; }

    public bool EmbeddedResource { get; private init; }

    public string? ListType { get; private init; }

    public IReadOnlyList<string> ListMapKeys { get; private init; } = [];

    public IReadOnlyList<CelRule> Rules { get; private init; } = [];

    /// <summary>The type name kube-apiserver prints for values of this node in CEL errors.</summary>
    public string TypeName => Type ?? (Properties.Count > 0 ? "object" : "any");

    /// <summary>Reads a schema node from its JSON form.</summary>
    public static StructuralSchema Parse(JsonObject json)
    {
        var properties = new Dictionary<string, StructuralSchema>(StringComparer.Ordinal);
        if (json["properties"] is JsonObject props)
        {
            foreach (var (name, value) in props)
            {
                if (value is JsonObject child)
                {
                    properties[name] = Parse(child);
                }
            }
        }

        return new StructuralSchema
        {
            Type = json["type"]?.GetValue<string>(),
            Properties = properties,
            Items = json["items"] is JsonObject items ? Parse(items) : null,
            AdditionalProperties = json["additionalProperties"] is JsonObject additional ? Parse(additional) : null,
            Default = json["default"]?.DeepClone(),
            Nullable = Flag(json, "nullable"),
            PreserveUnknownFields = Flag(json, "x-kubernetes-preserve-unknown-fields") || json["additionalProperties"] is JsonValue { } allow && allow.GetValueKind() == System.Text.Json.JsonValueKind.True,
            EmbeddedResource = Flag(json, "x-kubernetes-embedded-resource"),
            ListType = json["x-kubernetes-list-type"]?.GetValue<string>(),
            ListMapKeys = json["x-kubernetes-list-map-keys"] is JsonArray keys ? [.. keys.Select(k => k!.GetValue<string>())] : [],
            Rules = json["x-kubernetes-validations"] is JsonArray rules ? [.. rules.OfType<JsonObject>().Select(ParseRule)] : [],
        };
    }

    private static CelRule ParseRule(JsonObject rule) => new(
        rule["rule"]?.GetValue<string>() ?? "",
        rule["message"]?.GetValue<string>(),
        rule["messageExpression"]?.GetValue<string>(),
        rule["fieldPath"]?.GetValue<string>(),
        rule["reason"]?.GetValue<string>());

    private static bool Flag(JsonObject json, string name) => json[name] is JsonValue value && value.GetValueKind() == System.Text.Json.JsonValueKind.True;
}
