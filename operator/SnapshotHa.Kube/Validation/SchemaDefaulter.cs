using System.Text.Json.Nodes;

namespace SnapshotHa.Kube.Validation;

/// <summary>
/// Applies schema defaults the way kube-apiserver does: an absent field (or a null one that is not nullable) gets
/// its default, then defaults apply inside it, so <c>default: {}</c> on an object fills in its fields' defaults.
/// </summary>
internal static class SchemaDefaulter
{
    public static void Apply(StructuralSchema schema, JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj when schema.Properties.Count > 0:
                foreach (var (name, child) in schema.Properties)
                {
                    var present = obj.TryGetPropertyValue(name, out var value);
                    if (child.Default is { } defaultValue && (!present || (value is null && !child.Nullable)))
                    {
                        obj[name] = defaultValue.DeepClone();
                    }

                    Apply(child, obj[name]);
                }

                break;
            case JsonObject map when schema.AdditionalProperties is { } values:
                foreach (var (_, entry) in map.ToList())
                {
                    Apply(values, entry);
                }

                break;
            case JsonArray list when schema.Items is { } items:
                foreach (var item in list)
                {
                    Apply(items, item);
                }

                break;
        }
    }
}
