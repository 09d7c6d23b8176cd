using System.Text.Json.Nodes;

namespace SnapshotHa.Kube.Validation;

/// <summary>
/// Translates a CRD's OpenAPI v3 schema (JSON form) into a JSON Schema 2020-12 document JsonSchema.Net evaluates:
/// keeps the validation keywords, turns <c>nullable</c> into a null type, boolean exclusive bounds into numeric
/// ones, int-or-string into <c>anyOf</c>, and drops descriptions, defaults and <c>x-kubernetes-*</c> extensions
/// (those are handled by the defaulter, pruner, list semantics and CEL evaluator).
/// </summary>
internal static class JsonSchemaTranslator
{
    private static readonly string[] CopiedKeywords =
    [
        "type", "required", "enum", "pattern", "minimum", "maximum", "minLength", "maxLength", "minItems", "maxItems",
        "minProperties", "maxProperties", "multipleOf", "uniqueItems",
    ];

    public static JsonObject Translate(JsonObject openApi)
    {
        var result = new JsonObject();
        foreach (var keyword in CopiedKeywords)
        {
            if (openApi[keyword] is { } value)
            {
                result[keyword] = value.DeepClone();
            }
        }

        if (openApi["format"]?.GetValue<string>() == "date-time")
        {
            result["format"] = "date-time";
        }

        TranslateBound(openApi, result, "minimum", "exclusiveMinimum");
        TranslateBound(openApi, result, "maximum", "exclusiveMaximum");
        if (openApi["properties"] is JsonObject properties)
        {
            result["properties"] = new JsonObject(properties
                .Where(p => p.Value is JsonObject)
                .Select(p => KeyValuePair.Create(p.Key, (JsonNode?)Translate((JsonObject)p.Value!))));
        }

        if (openApi["items"] is JsonObject items)
        {
            result["items"] = Translate(items);
        }

        if (openApi["additionalProperties"] is JsonObject additional)
        {
            result["additionalProperties"] = Translate(additional);
        }

        foreach (var combinator in new[] { "anyOf", "allOf", "oneOf" })
        {
            if (openApi[combinator] is JsonArray branches)
            {
                result[combinator] = new JsonArray([.. branches.OfType<JsonObject>().Select(b => (JsonNode)Translate(b))]);
            }
        }

        if (openApi["not"] is JsonObject not)
        {
            result["not"] = Translate(not);
        }

        if (IsTrue(openApi["x-kubernetes-int-or-string"]) && result["anyOf"] is null)
        {
            result["anyOf"] = new JsonArray(new JsonObject { ["type"] = "integer" }, new JsonObject { ["type"] = "string" });
        }

        if (IsTrue(openApi["nullable"]))
        {
            AllowNull(result);
        }

        return result;
    }

    private static void TranslateBound(JsonObject openApi, JsonObject result, string bound, string exclusive)
    {
        if (IsTrue(openApi[exclusive]) && openApi[bound] is { } value)
        {
            result.Remove(bound);
            result[exclusive] = value.DeepClone();
        }
    }

    private static void AllowNull(JsonObject schema)
    {
        if (schema["type"] is JsonValue type)
        {
            schema["type"] = new JsonArray(type.GetValue<string>(), "null");
        }

        if (schema["enum"] is JsonArray values)
        {
            values.Add(null);
        }

        if (schema["anyOf"] is JsonArray branches)
        {
            branches.Add(new JsonObject { ["type"] = "null" });
        }
    }

    private static bool IsTrue(JsonNode? node) => node is JsonValue value && value.GetValueKind() == System.Text.Json.JsonValueKind.True;
}
