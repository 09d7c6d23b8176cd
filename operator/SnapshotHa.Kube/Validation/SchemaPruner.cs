using System.Text.Json.Nodes;

namespace SnapshotHa.Kube.Validation;

/// <summary>
/// Drops fields the schema does not declare, as kube-apiserver does for structural schemas; nodes with
/// <c>x-kubernetes-preserve-unknown-fields</c> keep unknown fields, and embedded resources keep apiVersion, kind and metadata.
/// </summary>
internal static class SchemaPruner
{
    private static readonly string[] ObjectHeader = ["apiVersion", "kind", "metadata"];

    public static void Prune(StructuralSchema schema, JsonNode? node, bool isRoot)
    {
        switch (node)
        {
            case JsonObject obj when schema.AdditionalProperties is { } values:
                foreach (var (_, entry) in obj.ToList())
                {
                    Prune(values, entry, false);
                }

                break;
            case JsonObject obj:
                var keepHeader = isRoot || schema.EmbeddedResource;
                foreach (var (name, value) in obj.ToList())
                {
                    if (schema.Properties.TryGetValue(name, out var child))
                    {
                        if (!(keepHeader && name == "metadata"))
                        {
                            Prune(child, value, false);
                        }
                    }
                    else if (!schema.PreserveUnknownFields && !(keepHeader && ObjectHeader.Contains(name)))
                    {
                        obj.Remove(name);
                    }
                }

                break;
            case JsonArray list when schema.Items is { } items:
                foreach (var item in list)
                {
                    Prune(items, item, false);
                }

                break;
        }
    }
}
