using System.Text.Json.Nodes;
using SnapshotHa.Kube.Validation;
using SnapshotHa.Sandbox.ApiServer.Resources;

namespace SnapshotHa.Sandbox.ApiServer.Errors;

/// <summary>The errors kube-apiserver answers with, with its messages.</summary>
internal static class ApiErrors
{
    /// <summary>404: <c>protectedvms.snapshotha.io "x" not found</c>.</summary>
    public static ApiException NotFound(ResourceType type, string name) =>
        new(404, "NotFound", $"{type.GroupResource} \"{name}\" not found", Details(type, name));

    /// <summary>409 AlreadyExists on create.</summary>
    public static ApiException AlreadyExists(ResourceType type, string name) =>
        new(409, "AlreadyExists", $"{type.GroupResource} \"{name}\" already exists", Details(type, name));

    /// <summary>409 Conflict on a stale resourceVersion or failed precondition.</summary>
    public static ApiException Conflict(ResourceType type, string name, string detail) =>
        new(409, "Conflict", $"Operation cannot be fulfilled on {type.GroupResource} \"{name}\": {detail}", Details(type, name));

    /// <summary>409 Conflict for an update from a stale resourceVersion.</summary>
    public static ApiException StaleResourceVersion(ResourceType type, string name) =>
        Conflict(type, name, "the object has been modified; please apply your changes to the latest version and try again");

    /// <summary>400 BadRequest.</summary>
    public static ApiException BadRequest(string message) => new(400, "BadRequest", message);

    /// <summary>405 MethodNotAllowed.</summary>
    public static ApiException MethodNotAllowed(string method) =>
        new(405, "MethodNotAllowed", $"the server does not allow this method on the requested resource ({method})");

    /// <summary>415 UnsupportedMediaType.</summary>
    public static ApiException UnsupportedMediaType(string? contentType) =>
        new(415, "UnsupportedMediaType", $"the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml, application/strategic-merge-patch+json (got {contentType})");

    /// <summary>422 Invalid with one cause per field error, message as kube-apiserver words it.</summary>
    public static ApiException Invalid(ResourceType type, string name, IReadOnlyList<FieldError> violations)
    {
        var texts = violations.Select(v => v.ToString()).ToArray();
        var summary = texts.Length == 1 ? texts[0] : $"[{string.Join(", ", texts)}]";
        var details = new JsonObject
        {
            ["name"] = name,
            ["group"] = type.Group,
            ["kind"] = type.Kind,
            ["causes"] = new JsonArray(violations
                .Select(v => (JsonNode)new JsonObject { ["reason"] = v.Type, ["message"] = v.Message, ["field"] = v.Field })
                .ToArray()),
        };
        return new ApiException(422, "Invalid", $"{type.GroupKind} \"{name}\" is invalid: {summary}", details);
    }

    /// <summary>The details block of name-addressed errors: name, group and the plural resource as kind.</summary>
    public static JsonObject Details(ResourceType type, string name) => new()
    {
        ["name"] = name,
        ["group"] = type.Group,
        ["kind"] = type.Plural,
    };
}
