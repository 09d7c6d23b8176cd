using System.Text.Json.Nodes;

namespace SnapshotHa.Sandbox.ApiServer.Patching;

/// <summary>RFC 7386 JSON merge patch.</summary>
internal static class JsonMergePatch
{
    /// <summary>
    /// Applies <paramref name="patch"/> to <paramref name="target"/> and returns the result (a new node when the patch is
    /// not an object). Keys starting with <c>$</c> (strategic-merge directives) are dropped when <paramref name="dropDirectives"/>.
    /// </summary>
    public static JsonNode? Apply(JsonNode? target, JsonNode? patch, bool dropDirectives = false)
    {
        if (patch is not JsonObject patchObject)
        {
            return patch?.DeepClone();
        }

        var result = target as JsonObject ?? [];
        foreach (var (key, value) in patchObject.ToArray())
        {
            if (dropDirectives && key.StartsWith('$'))
            {
                continue;
            }

            if (value is null)
            {
                result.Remove(key);
            }
            else
            {
                var existing = result[key];
                result.Remove(key);
                result[key] = Apply(existing, value, dropDirectives);
            }
        }

        return result;
    }
}
