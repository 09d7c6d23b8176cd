using System.Globalization;
using System.Text.Json.Nodes;

namespace SnapshotHa.Kube.Validation;

/// <summary>Checks <c>x-kubernetes-list-type</c> <c>set</c> and <c>map</c>: items (or their keys) must be unique.</summary>
internal static class ListSemantics
{
    public static void Validate(StructuralSchema schema, JsonNode? node, string path, List<FieldError> errors)
    {
        switch (node)
        {
            case JsonObject obj when schema.Properties.Count > 0:
                foreach (var (name, child) in schema.Properties)
                {
                    Validate(child, obj[name], KubeFormat.Child(path, name), errors);
                }

                break;
            case JsonObject map when schema.AdditionalProperties is { } values:
                foreach (var (key, entry) in map)
                {
                    Validate(values, entry, $"{path}[{key}]", errors);
                }

                break;
            case JsonArray list when schema.Items is { } items:
                CheckUnique(schema, list, path, errors);
                for (var i = 0; i < list.Count; i++)
                {
                    Validate(items, list[i], $"{path}[{i.ToString(CultureInfo.InvariantCulture)}]", errors);
                }

                break;
        }
    }

    private static void CheckUnique(StructuralSchema schema, JsonArray list, string path, List<FieldError> errors)
    {
        if (schema.ListType is not ("set" or "map"))
        {
            return;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < list.Count; i++)
        {
            var identity = schema.ListType == "map"
                ? new JsonObject(schema.ListMapKeys.Select(k => KeyValuePair.Create(k, list[i]?[k]?.DeepClone())))
                : list[i]?.DeepClone();
            var text = identity?.ToJsonString() ?? "null";
            if (!seen.Add(text))
            {
                errors.Add(new FieldError($"{path}[{i.ToString(CultureInfo.InvariantCulture)}]", FieldErrorTypes.Duplicate, $"Duplicate value: {text}"));
            }
        }
    }
}
