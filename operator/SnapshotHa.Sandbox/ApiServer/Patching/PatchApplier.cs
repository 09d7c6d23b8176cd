using System.Text.Json;
using System.Text.Json.Nodes;
using SnapshotHa.Sandbox.ApiServer.Errors;

namespace SnapshotHa.Sandbox.ApiServer.Patching;

/// <summary>Applies a PATCH body by its media type.</summary>
internal static class PatchApplier
{
    /// <summary>application/json-patch+json.</summary>
    public const string JsonPatchType = "application/json-patch+json";

    /// <summary>application/merge-patch+json.</summary>
    public const string MergePatchType = "application/merge-patch+json";

    /// <summary>application/strategic-merge-patch+json (approximated as a merge patch without directives).</summary>
    public const string StrategicMergePatchType = "application/strategic-merge-patch+json";

    /// <summary>application/apply-patch+yaml (server-side apply approximated as a merge patch, no field ownership).</summary>
    public const string ApplyPatchType = "application/apply-patch+yaml";

    /// <summary>
    /// Returns <paramref name="current"/> patched with <paramref name="body"/> of media type <paramref name="mediaType"/>.
    /// Throws <see cref="ApiException"/> 415 for another media type, 400 for a malformed body, 422 for a failed JSON patch.
    /// </summary>
    public static JsonObject Apply(string? mediaType, JsonObject current, string body)
    {
        var patch = Parse(mediaType, body);
        var result = mediaType switch
        {
            JsonPatchType => JsonPatch.Apply(current, patch as JsonArray ?? throw ApiErrors.BadRequest("a json patch must be an array of operations")),
            MergePatchType => JsonMergePatch.Apply(current, patch),
            StrategicMergePatchType or ApplyPatchType => JsonMergePatch.Apply(current, patch, dropDirectives: true),
            _ => throw ApiErrors.UnsupportedMediaType(mediaType),
        };
        return result as JsonObject ?? throw ApiErrors.BadRequest("the patched object is not a JSON object");
    }

    /// <summary>Parses a patch body: YAML for apply patches, JSON otherwise. Throws 400 when malformed.</summary>
    public static JsonNode? Parse(string? mediaType, string body)
    {
        try
        {
            return mediaType == ApplyPatchType ? YamlJson.Parse(body) : JsonNode.Parse(body);
        }
        catch (Exception e) when (e is JsonException or YamlDotNet.Core.YamlException)
        {
            throw ApiErrors.BadRequest($"error decoding patch: {e.Message}");
        }
    }
}
