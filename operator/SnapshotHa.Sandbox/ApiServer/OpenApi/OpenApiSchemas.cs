using System.Text.Json.Nodes;
using SnapshotHa.Sandbox.ApiServer.Resources;

namespace SnapshotHa.Sandbox.ApiServer.OpenApi;

/// <summary>The component schemas: a resource's object schema and a short ObjectMeta.</summary>
internal static class OpenApiSchemas
{
    /// <summary>
    /// The object schema of <paramref name="type"/>: its CRD schema (or an open object) with apiVersion, kind and metadata
    /// described as kube publishes them, tagged with the group version kind.
    /// </summary>
    public static JsonObject ForResource(ResourceType type, string objectMetaName)
    {
        var schema = type.Schema?.DeepClone().AsObject() ?? new JsonObject
        {
            ["description"] = $"{type.Kind} is a built-in Kubernetes kind served by the sandbox API server.",
            ["type"] = "object",
            ["x-kubernetes-preserve-unknown-fields"] = true,
        };
        schema["type"] = "object";
        var properties = schema["properties"] as JsonObject ?? [];
        schema["properties"] = properties;
        properties["apiVersion"] = new JsonObject
        {
            ["description"] = "APIVersion defines the versioned schema of this representation of an object. Servers should convert recognized schemas to the latest internal value, and may reject unrecognized values.",
            ["type"] = "string",
        };
        properties["kind"] = new JsonObject
        {
            ["description"] = "Kind is a string value representing the REST resource this object represents. Servers may infer this from the endpoint the client submits requests to. Cannot be updated. In CamelCase.",
            ["type"] = "string",
        };
        properties["metadata"] = new JsonObject
        {
            ["description"] = "Standard object's metadata.",
            ["allOf"] = new JsonArray(new JsonObject { ["$ref"] = $"#/components/schemas/{objectMetaName}" }),
        };
        schema["x-kubernetes-group-version-kind"] = new JsonArray(
            new JsonObject { ["group"] = type.Group, ["kind"] = type.Kind, ["version"] = type.Version });
        return schema;
    }

    /// <summary>ObjectMeta with its commonly used fields.</summary>
    public static JsonObject ObjectMeta()
    {
        JsonObject Text(string description) => new() { ["description"] = description, ["type"] = "string" };
        JsonObject Map(string description) => new()
        {
            ["description"] = description,
            ["type"] = "object",
            ["additionalProperties"] = new JsonObject { ["type"] = "string", ["default"] = string.Empty },
        };
        return new JsonObject
        {
            ["description"] = "ObjectMeta is metadata that all persisted resources must have, which includes all objects users must create.",
            ["type"] = "object",
            ["properties"] = new JsonObject
            {
                ["name"] = Text("Name must be unique within a namespace."),
                ["generateName"] = Text("GenerateName is an optional prefix, used by the server, to generate a unique name ONLY IF the Name field has not been provided."),
                ["namespace"] = Text("Namespace defines the space within which each name must be unique."),
                ["uid"] = Text("UID is the unique in time and space value for this object."),
                ["resourceVersion"] = Text("An opaque value that represents the internal version of this object."),
                ["generation"] = new JsonObject { ["description"] = "A sequence number representing a specific generation of the desired state.", ["type"] = "integer", ["format"] = "int64" },
                ["creationTimestamp"] = Text("CreationTimestamp is a timestamp representing the server time when this object was created."),
                ["deletionTimestamp"] = Text("DeletionTimestamp is RFC 3339 date and time at which this resource will be deleted."),
                ["labels"] = Map("Map of string keys and values that can be used to organize and categorize objects."),
                ["annotations"] = Map("Annotations is an unstructured key value map stored with a resource."),
                ["finalizers"] = new JsonObject
                {
                    ["description"] = "Must be empty before the object is deleted from the registry.",
                    ["type"] = "array",
                    ["items"] = new JsonObject { ["type"] = "string", ["default"] = string.Empty },
                },
                ["ownerReferences"] = new JsonObject
                {
                    ["description"] = "List of objects depended by this object.",
                    ["type"] = "array",
                    ["items"] = new JsonObject { ["type"] = "object", ["x-kubernetes-preserve-unknown-fields"] = true },
                },
            },
        };
    }
}
