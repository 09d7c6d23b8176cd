using System.Text.Json.Nodes;
using Json.Schema;

namespace SnapshotHa.Kube.Validation;

/// <summary>Turns JsonSchema.Net results into kube-apiserver-shaped field errors.</summary>
internal static class SchemaErrorMapper
{
    /// <summary>Maps every failed keyword of a list-format result to field errors, deduplicated and ordered by path.</summary>
    public static IEnumerable<FieldError> Map(EvaluationResults results, JsonObject jsonSchema, StructuralSchema structural, JsonNode instance)
    {
        var errors = new List<FieldError>();
        var details = results.Details ?? [];
        var failedBranches = details
            .Where(d => !d.IsValid && KubeFormat.Segments(d.EvaluationPath.ToString()).Contains("anyOf"))
            .GroupBy(d => d.InstanceLocation.ToString())
            .ToDictionary(g => g.Key, g => g.Select(d => d.EvaluationPath.ToString()).Distinct().Count());
        foreach (var detail in details)
        {
            if (detail.Errors is not { Count: > 0 })
            {
                continue;
            }

            // JsonSchema.Net reports a failed anyOf (int-or-string) only through its branches: when every branch
            // failed, their type errors become one type error on the field (identical, removed by Distinct).
            var inAnyOf = KubeFormat.Segments(detail.EvaluationPath.ToString()).Contains("anyOf");
            var instanceSegments = KubeFormat.Segments(detail.InstanceLocation.ToString());
            var schemaNode = SchemaAt(jsonSchema, instanceSegments);
            if (inAnyOf && failedBranches.GetValueOrDefault(detail.InstanceLocation.ToString()) < ((schemaNode["anyOf"] as JsonArray)?.Count ?? 0))
            {
                continue;
            }

            var path = KubeFormat.Path(structural, instanceSegments);
            var value = KubeFormat.At(instance, instanceSegments);
            foreach (var (keyword, message) in detail.Errors.Where(e => !inAnyOf || e.Key == "type"))
            {
                errors.AddRange(ForKeyword(keyword, message, schemaNode, path, value));
            }
        }

        return errors.Distinct().OrderBy(e => e.Field, StringComparer.Ordinal).ThenBy(e => e.Type, StringComparer.Ordinal);
    }

    private static IEnumerable<FieldError> ForKeyword(string keyword, string message, JsonObject schema, string path, JsonNode? value)
    {
        var shown = path.Length == 0 ? "body" : path;
        switch (keyword)
        {
            case "required":
                foreach (var name in (schema["required"] as JsonArray ?? []).Select(n => n!.GetValue<string>()))
                {
                    if (value is JsonObject present && !present.ContainsKey(name))
                    {
                        yield return new FieldError(KubeFormat.Child(path, name), FieldErrorTypes.Required, "Required value");
                    }
                }

                break;
            case "type":
                var expected = schema["type"] is { } type ? TypeList(type) : string.Join(",", (schema["anyOf"] as JsonArray ?? []).Select(b => b?["type"]?.ToString()).OfType<string>().Where(t => t != "null"));
                var actual = KubeFormat.TypeOf(value);
                yield return new FieldError(path, FieldErrorTypes.TypeInvalid, $"Invalid value: \"{actual}\": {shown} in body must be of type {expected}: \"{actual}\"");
                break;
            case "enum":
                var supported = string.Join(", ", (schema["enum"] as JsonArray ?? []).Where(v => v is not null).Select(KubeFormat.Value));
                yield return new FieldError(path, FieldErrorTypes.NotSupported, $"Unsupported value: {KubeFormat.Value(value)}: supported values: {supported}");
                break;
            case "pattern":
                yield return Invalid(path, value, $"{shown} in body should match '{schema["pattern"]}'");
                break;
            case "minimum":
                yield return Invalid(path, value, $"{shown} in body should be greater than or equal to {KubeFormat.Number(schema["minimum"])}");
                break;
            case "exclusiveMinimum":
                yield return Invalid(path, value, $"{shown} in body should be greater than {KubeFormat.Number(schema["exclusiveMinimum"])}");
                break;
            case "maximum":
                yield return Invalid(path, value, $"{shown} in body should be less than or equal to {KubeFormat.Number(schema["maximum"])}");
                break;
            case "exclusiveMaximum":
                yield return Invalid(path, value, $"{shown} in body should be less than {KubeFormat.Number(schema["exclusiveMaximum"])}");
                break;
            case "minLength":
                yield return Invalid(path, value, $"{shown} in body should be at least {schema["minLength"]} chars long");
                break;
            case "maxLength":
                yield return new FieldError(path, FieldErrorTypes.TooLong, $"Too long: may not be more than {schema["maxLength"]} bytes");
                break;
            case "minItems":
                yield return Invalid(path, (value as JsonArray)?.Count ?? 0, $"{shown} in body should have at least {schema["minItems"]} items");
                break;
            case "maxItems":
                yield return new FieldError(path, FieldErrorTypes.TooMany, $"Too many: {(value as JsonArray)?.Count ?? 0}: must have at most {schema["maxItems"]} items");
                break;
            case "format":
                yield return Invalid(path, value, $"{shown} in body must be of type {schema["format"]}: {KubeFormat.Value(value)}");
                break;
            case "properties" or "items" or "additionalProperties" or "allOf":
                break;
            default:
                yield return Invalid(path, value, $"{shown} in body: {message}");
                break;
        }
    }

    /// <summary>
    /// The schema node that governs an instance location. Structural schemas have exactly one such node, found through
    /// properties, items and additionalProperties (more robust than decoding the evaluation path).
    /// </summary>
    private static JsonObject SchemaAt(JsonObject root, IEnumerable<string> instanceSegments)
    {
        var node = root;
        foreach (var segment in instanceSegments)
        {
            node = (node["properties"] as JsonObject)?[segment] as JsonObject
                ?? node["items"] as JsonObject
                ?? node["additionalProperties"] as JsonObject
                ?? [];
        }

        return node;
    }

    private static FieldError Invalid(string path, JsonNode? value, string detail) =>
        new(path, FieldErrorTypes.Invalid, $"Invalid value: {KubeFormat.Value(value)}: {detail}");

    private static FieldError Invalid(string path, int count, string detail) =>
        new(path, FieldErrorTypes.Invalid, $"Invalid value: {count}: {detail}");

    private static string TypeList(JsonNode type) => type is JsonArray types
        ? string.Join(",", types.Select(t => t!.GetValue<string>()).Where(t => t != "null"))
        : type.GetValue<string>();
}
