using System.Globalization;
using System.Text.Json.Nodes;
using SnapshotHa.Sandbox.ApiServer.Errors;

namespace SnapshotHa.Sandbox.ApiServer.Patching;

/// <summary>RFC 6902 JSON patch: add, remove, replace, move, copy and test over RFC 6901 pointers.</summary>
internal static class JsonPatch
{
    /// <summary>Applies the operations in order to <paramref name="document"/>; throws <see cref="ApiException"/> 422 naming the failed operation.</summary>
    public static JsonNode? Apply(JsonNode? document, JsonArray operations)
    {
        var root = new JsonObject { ["doc"] = document };
        for (var i = 0; i < operations.Count; i++)
        {
            if (operations[i] is not JsonObject operation)
            {
                throw Failed(i, "operation is not an object");
            }

            var op = AsText(operation["op"]) ?? throw Failed(i, "missing op");
            var path = "/doc" + (AsText(operation["path"]) ?? throw Failed(i, "missing path"));
            switch (op)
            {
                case "add":
                    Add(root, path, operation["value"]?.DeepClone(), i);
                    break;
                case "remove":
                    Remove(root, path, i);
                    break;
                case "replace":
                    Remove(root, path, i);
                    Add(root, path, operation["value"]?.DeepClone(), i);
                    break;
                case "move":
                    var moved = Remove(root, "/doc" + (AsText(operation["from"]) ?? throw Failed(i, "missing from")), i);
                    Add(root, path, moved, i);
                    break;
                case "copy":
                    var copied = Get(root, "/doc" + (AsText(operation["from"]) ?? throw Failed(i, "missing from")), i);
                    Add(root, path, copied?.DeepClone(), i);
                    break;
                case "test":
                    if (!JsonNode.DeepEquals(Get(root, path, i), operation["value"]))
                    {
                        throw Failed(i, $"test failed at {path[4..]}");
                    }

                    break;
                default:
                    throw Failed(i, $"unknown op {op}");
            }
        }

        var result = root["doc"];
        root.Remove("doc");
        return result;
    }

    private static JsonNode? Get(JsonObject root, string path, int index)
    {
        var (parent, token) = Parent(root, path, index);
        return parent switch
        {
            JsonObject o when o.TryGetPropertyValue(token, out var value) => value,
            JsonArray a when int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var at) && at < a.Count => a[at],
            _ => throw Failed(index, $"path {path[4..]} does not exist"),
        };
    }

    private static void Add(JsonObject root, string path, JsonNode? value, int index)
    {
        var (parent, token) = Parent(root, path, index);
        switch (parent)
        {
            case JsonObject o:
                o.Remove(token);
                o[token] = value;
                break;
            case JsonArray a when token == "-":
                a.Add(value);
                break;
            case JsonArray a when int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var at) && at <= a.Count:
                a.Insert(at, value);
                break;
            default:
                throw Failed(index, $"cannot add at {path[4..]}");
        }
    }

    private static JsonNode? Remove(JsonObject root, string path, int index)
    {
        var (parent, token) = Parent(root, path, index);
        switch (parent)
        {
            case JsonObject o when o.TryGetPropertyValue(token, out var value):
                o.Remove(token);
                return value;
            case JsonArray a when int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var at) && at < a.Count:
                var item = a[at];
                a.RemoveAt(at);
                return item;
            default:
                throw Failed(index, $"path {path[4..]} does not exist");
        }
    }

    private static (JsonNode Parent, string Token) Parent(JsonObject root, string path, int index)
    {
        var tokens = path.Split('/')[1..].Select(t => t.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal)).ToArray();
        JsonNode? node = root;
        foreach (var token in tokens[..^1])
        {
            node = node switch
            {
                JsonObject o => o[token],
                JsonArray a when int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var at) && at < a.Count => a[at],
                _ => null,
            };
        }

        return (node ?? throw Failed(index, $"path {path[4..]} does not exist"), tokens[^1]);
    }

    private static string? AsText(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    private static ApiException Failed(int index, string detail) =>
        new(422, "Invalid", $"the server rejected our request due to an error in our request: json patch operation {index}: {detail}");
}
