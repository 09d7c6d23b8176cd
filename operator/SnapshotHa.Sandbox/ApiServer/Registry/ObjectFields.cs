using System.Globalization;
using System.Text.Json.Nodes;

namespace SnapshotHa.Sandbox.ApiServer.Registry;

/// <summary>Reads and writes the metadata fields of an object held as JSON, tolerating missing or mistyped fields.</summary>
internal static class ObjectFields
{
    /// <summary>The metadata object, created when missing or not an object.</summary>
    public static JsonObject Metadata(JsonObject obj)
    {
        if (obj["metadata"] is JsonObject metadata)
        {
            return metadata;
        }

        metadata = [];
        obj["metadata"] = metadata;
        return metadata;
    }

    /// <summary>A string field of metadata, or null when absent or not a string.</summary>
    public static string? MetadataString(JsonObject obj, string field) => AsString(Metadata(obj)[field]);

    /// <summary>The node as a string, or null when it is not a JSON string.</summary>
    public static string? AsString(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    /// <summary>metadata.finalizers.</summary>
    public static IReadOnlyList<string> Finalizers(JsonObject obj) =>
        Metadata(obj)["finalizers"] is JsonArray array ? array.Select(AsString).OfType<string>().ToArray() : [];

    /// <summary>Whether metadata.deletionTimestamp is set.</summary>
    public static bool IsDeleting(JsonObject obj) => MetadataString(obj, "deletionTimestamp") is not null;

    /// <summary>metadata.labels as a dictionary (empty when absent).</summary>
    public static IReadOnlyDictionary<string, string> Labels(JsonObject obj) =>
        Metadata(obj)["labels"] is JsonObject labels
            ? labels.Where(p => AsString(p.Value) is not null).ToDictionary(p => p.Key, p => AsString(p.Value)!, StringComparer.Ordinal)
            : new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>The uids in metadata.ownerReferences.</summary>
    public static IReadOnlyList<string> OwnerUids(JsonObject obj) =>
        Metadata(obj)["ownerReferences"] is JsonArray refs
            ? refs.OfType<JsonObject>().Select(r => AsString(r["uid"])).OfType<string>().ToArray()
            : [];

    /// <summary>A timestamp as kube serializes it: RFC 3339 in UTC with whole seconds.</summary>
    public static string Timestamp(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>The value at a dotted path such as <c>involvedObject.name</c>, as text; null when absent.</summary>
    public static string? AtDottedPath(JsonObject obj, string path)
    {
        JsonNode? node = obj;
        foreach (var part in path.Split('.'))
        {
            node = node is JsonObject o ? o[part] : null;
        }

        return node switch
        {
            null => null,
            JsonValue v when v.TryGetValue<string>(out var s) => s,
            JsonValue v => v.ToJsonString(),
            _ => null,
        };
    }
}
