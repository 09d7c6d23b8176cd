using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace SnapshotHa.Kube.Validation;

/// <summary>Formats field paths and values the way kube-apiserver prints them in validation messages.</summary>
internal static class KubeFormat
{
    /// <summary>The field path of a JSON pointer's segments: <c>.name</c> for properties, <c>[0]</c> for items, <c>[key]</c> for map entries.</summary>
    public static string Path(StructuralSchema? root, IEnumerable<string> segments)
    {
        var path = "";
        var schema = root;
        foreach (var segment in segments)
        {
            if (schema?.Properties.TryGetValue(segment, out var property) == true)
            {
                path = Child(path, segment);
                schema = property;
            }
            else if (schema?.Items is { } items)
            {
                path += $"[{segment}]";
                schema = items;
            }
            else if (schema?.AdditionalProperties is { } values)
            {
                path += $"[{segment}]";
                schema = values;
            }
            else
            {
                path = Child(path, segment);
                schema = null;
            }
        }

        return path;
    }

    /// <summary>Appends a property name to a path.</summary>
    public static string Child(string path, string name) => path.Length == 0 ? name : $"{path}.{name}";

    /// <summary>Splits a JSON pointer (<c>/spec/items/0</c>) into unescaped segments.</summary>
    public static IReadOnlyList<string> Segments(string pointer)
    {
        var text = pointer.StartsWith('#') ? pointer[1..] : pointer;
        return text.Length == 0
            ? []
            : [.. text.TrimStart('/').Split('/').Select(s => Uri.UnescapeDataString(s).Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal))];
    }

    /// <summary>A value as kube-apiserver quotes it: strings in quotes, numbers and booleans bare, containers by type.</summary>
    public static string Value(JsonNode? value) => value switch
    {
        null => "\"null\"",
        JsonObject => "\"object\"",
        JsonArray => "\"array\"",
        JsonValue v when v.GetValueKind() == JsonValueKind.String => JsonSerializer.Serialize(v.GetValue<string>()),
        _ => value.ToJsonString(),
    };

    /// <summary>The JSON type name of a value (integer for integral numbers).</summary>
    public static string TypeOf(JsonNode? value) => value switch
    {
        null => "null",
        JsonObject => "object",
        JsonArray => "array",
        _ => value.GetValueKind() switch
        {
            JsonValueKind.String => "string",
            JsonValueKind.True or JsonValueKind.False => "boolean",
            JsonValueKind.Number => value.AsValue().TryGetValue<long>(out _) || IsIntegral(value.AsValue()) ? "integer" : "number",
            _ => "null",
        },
    };

    /// <summary>A number in schema messages: integral values without a decimal point.</summary>
    public static string Number(JsonNode? number) =>
        number is JsonValue v && v.TryGetValue<double>(out var d) && d == Math.Floor(d) && Math.Abs(d) < 1e15
            ? ((long)d).ToString(CultureInfo.InvariantCulture)
            : number?.ToJsonString() ?? "";

    /// <summary>Navigates a JSON document by pointer segments.</summary>
    public static JsonNode? At(JsonNode? root, IEnumerable<string> segments)
    {
        var node = root;
        foreach (var segment in segments)
        {
            node = node switch
            {
                JsonObject o => o[segment],
                JsonArray a when int.TryParse(segment, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i < a.Count => a[i],
                _ => null,
            };
        }

        return node;
    }

    private static bool IsIntegral(JsonValue value) => value.TryGetValue<double>(out var d) && d == Math.Floor(d) && !double.IsInfinity(d);
}
