using System.Text.Json.Nodes;
using SnapshotHa.Kube.Validation;
using SnapshotHa.Sandbox.ApiServer.Errors;
using SnapshotHa.Sandbox.ApiServer.Resources;
using SnapshotHa.Sandbox.ApiServer.Storage;

namespace SnapshotHa.Sandbox.ApiServer.Registry;

/// <summary>What kube-apiserver does on update: preconditions, server-owned fields, status split, generation, finalizers.</summary>
internal static class UpdateRules
{
    private static readonly string[] ServerOwnedMetadata =
        ["uid", "creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds", "generation", "namespace", "name"];

    /// <summary>
    /// Merges <paramref name="body"/> into <paramref name="current"/> as an update of the main resource
    /// (<paramref name="statusOnly"/> false: status kept when the resource has a status subresource) or of the status
    /// subresource (only status taken). Throws 409 for a stale resourceVersion, 400/422 for a bad body.
    /// </summary>
    public static JsonObject Merge(ResourceType type, JsonObject current, JsonObject body, string name, bool statusOnly)
    {
        CreateRules.CheckKind(type, body);
        var bodyName = ObjectFields.MetadataString(body, "name");
        if (bodyName is not null && bodyName != name)
        {
            throw ApiErrors.BadRequest($"the name of the object ({bodyName}) does not match the name on the URL ({name})");
        }

        var currentVersion = ObjectFields.MetadataString(current, "resourceVersion");
        var bodyVersion = ObjectFields.MetadataString(body, "resourceVersion");
        if (!string.IsNullOrEmpty(bodyVersion) && bodyVersion != currentVersion)
        {
            throw ApiErrors.StaleResourceVersion(type, name);
        }

        JsonObject result;
        if (statusOnly)
        {
            result = current.DeepClone().AsObject();
            SetOrRemove(result, "status", body["status"]);
            return result;
        }

        result = body.DeepClone().AsObject();
        var metadata = ObjectFields.Metadata(result);
        var currentMetadata = ObjectFields.Metadata(current);
        foreach (var field in ServerOwnedMetadata)
        {
            SetOrRemove(metadata, field, currentMetadata[field]);
        }

        metadata["resourceVersion"] = currentVersion;
        metadata.Remove("managedFields");
        SecretData.Normalize(type, result);
        if (type.HasStatusSubresource)
        {
            SetOrRemove(result, "status", current["status"]);
        }

        if (ObjectFields.IsDeleting(current) && ObjectFields.Finalizers(result).Except(ObjectFields.Finalizers(current)).Any())
        {
            throw ApiErrors.Invalid(type, name, [new FieldError("metadata.finalizers", "FieldValueForbidden", "Forbidden: no new finalizers can be added if the object is being deleted")]);
        }

        if (type.TracksGeneration && !JsonNode.DeepEquals(Content(result), Content(current)))
        {
            var generation = currentMetadata["generation"] is JsonValue g && g.TryGetValue<long>(out var value) ? value : 0;
            metadata["generation"] = generation + 1;
        }

        return result;
    }

    /// <summary>
    /// The store decision for an updated object: keep when nothing changed, delete when a deleting object lost its last
    /// finalizer, else write.
    /// </summary>
    public static StoreDecision Decide(JsonObject current, JsonObject updated)
    {
        if (JsonNode.DeepEquals(current, updated))
        {
            return StoreDecision.Keep;
        }

        return ObjectFields.IsDeleting(updated) && ObjectFields.Finalizers(updated).Count == 0
            ? StoreDecision.Delete(updated)
            : StoreDecision.Write(updated);
    }

    private static JsonObject Content(JsonObject obj)
    {
        var content = obj.DeepClone().AsObject();
        content.Remove("metadata");
        content.Remove("status");
        content.Remove("apiVersion");
        content.Remove("kind");
        return content;
    }

    private static void SetOrRemove(JsonObject target, string field, JsonNode? value)
    {
        if (value is null)
        {
            target.Remove(field);
        }
        else
        {
            target[field] = value.DeepClone();
        }
    }
}
