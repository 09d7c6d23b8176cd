using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using SnapshotHa.Sandbox.ApiServer.Errors;

namespace SnapshotHa.Sandbox.ApiServer.Validation;

/// <summary>
/// The core structural checks of an OpenAPI v3 schema with kube-apiserver's messages: required, type, enum, minimum,
/// maximum, minLength, maxLength and pattern. No CEL rules, formats, defaulting or pruning.
/// </summary>
internal static class StructuralSchemaCheck
{
    /// <summary>The violations of <paramref name="value"/> at <paramref name="path"/> (dotted, empty for the root).</summary>
    public static IReadOnlyList<FieldViolation> Check(JsonObject schema, JsonNode? value, string path)
    {
        var violations = new List<FieldViolation>();
        Visit(schema, value, path, violations);
        return violations;
    }

    private static void Visit(JsonObject schema, JsonNode? value, string path, List<FieldViolation> violations)
    {
        if (value is null)
        {
            return;
        }

        var type = Text(schema["type"]);
        if (type is not null && !HasType(value, type) && schema["x-kubernetes-int-or-string"] is null)
        {
            violations.Add(new FieldViolation(path, "FieldValueTypeInvalid",
                $"Invalid value: \"{Describe(value)}\": {path} in body must be of type {type}: \"{Describe(value)}\""));
            return;
        }

        if (schema["enum"] is JsonArray allowed && !allowed.Any(a => JsonNode.DeepEquals(a, value)))
        {
            violations.Add(new FieldViolation(path, "FieldValueNotSupported",
                $"Unsupported value: {value.ToJsonString()}: supported values: {string.Join(", ", allowed.Select(a => a?.ToJsonString()))}"));
        }

        CheckScalar(schema, value, path, violations);
        switch (value)
        {
            case JsonObject obj:
                foreach (var required in (schema["required"] as JsonArray ?? []).Select(Text).OfType<string>())
                {
                    if (obj[required] is null)
                    {
                        violations.Add(new FieldViolation(Join(path, required), "FieldValueRequired", "Required value"));
                    }
                }

                var properties = schema["properties"] as JsonObject;
                foreach (var (name, child) in obj)
                {
                    var childSchema = properties?[name] as JsonObject ?? schema["additionalProperties"] as JsonObject;
                    if (childSchema is not null)
                    {
                        Visit(childSchema, child, Join(path, name), violations);
                    }
                }

                break;
            case JsonArray array when schema["items"] is JsonObject items:
                for (var i = 0; i < array.Count; i++)
                {
                    Visit(items, array[i], $"{path}[{i}]", violations);
                }

                break;
        }
    }

    private static void CheckScalar(JsonObject schema, JsonNode value, string path, List<FieldViolation> violations)
    {
        if (Number(value) is { } n)
        {
            if (Number(schema["minimum"]) is { } min && n < min)
            {
                violations.Add(new FieldViolation(path, "FieldValueInvalid", $"Invalid value: {value.ToJsonString()}: {path} in body should be greater than or equal to {Format(min)}"));
            }

            if (Number(schema["maximum"]) is { } max && n > max)
            {
                violations.Add(new FieldViolation(path, "FieldValueInvalid", $"Invalid value: {value.ToJsonString()}: {path} in body should be less than or equal to {Format(max)}"));
            }
        }

        if (Text(value) is not { } text)
        {
            return;
        }

        if (Number(schema["maxLength"]) is { } maxLength && text.Length > maxLength)
        {
            violations.Add(new FieldViolation(path, "FieldValueTooLong", $"Too long: may not be more than {Format(maxLength)} bytes"));
        }

        if (Number(schema["minLength"]) is { } minLength && text.Length < minLength)
        {
            violations.Add(new FieldViolation(path, "FieldValueInvalid", $"Invalid value: \"{text}\": {path} in body should be at least {Format(minLength)} chars long"));
        }

        if (Text(schema["pattern"]) is { } pattern && !Regex.IsMatch(text, pattern, RegexOptions.None, TimeSpan.FromSeconds(1)))
        {
            violations.Add(new FieldViolation(path, "FieldValueInvalid", $"Invalid value: \"{text}\": {path} in body should match '{pattern}'"));
        }
    }

    private static bool HasType(JsonNode value, string type) => type switch
    {
        "object" => value is JsonObject,
        "array" => value is JsonArray,
        "string" => Text(value) is not null,
        "boolean" => value.GetValueKind() is JsonValueKind.True or JsonValueKind.False,
        "integer" => Number(value) is { } d && Math.Floor(d) == d,
        "number" => Number(value) is not null,
        _ => true,
    };

    private static string Describe(JsonNode value) => value switch
    {
        JsonObject => "object",
        JsonArray => "array",
        _ when Text(value) is not null => "string",
        _ when value.GetValueKind() is JsonValueKind.True or JsonValueKind.False => "boolean",
        _ => "number",
    };

    private static string Join(string path, string name) => path.Length == 0 ? name : $"{path}.{name}";

    private static string? Text(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    private static double? Number(JsonNode? node) =>
        node is JsonValue && node.GetValueKind() == JsonValueKind.Number
            ? double.Parse(node.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture)
            : null;

    private static string Format(double value) => value.ToString(CultureInfo.InvariantCulture);
}
