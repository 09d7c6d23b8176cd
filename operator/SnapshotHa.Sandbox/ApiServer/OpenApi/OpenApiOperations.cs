using System.Text.Json.Nodes;
using SnapshotHa.Sandbox.ApiServer.Resources;

namespace SnapshotHa.Sandbox.ApiServer.OpenApi;

/// <summary>The OpenAPI v3 operations of a resource path, with the kube extensions kubectl reads.</summary>
internal static class OpenApiOperations
{
    /// <summary>One operation (<c>list</c>, <c>get</c>, <c>post</c>, <c>put</c>, <c>patch</c>, <c>delete</c>) answering with <paramref name="schemaName"/>.</summary>
    public static JsonObject Operation(ResourceType type, string action, string schemaName)
    {
        var parameters = new JsonArray(Query("pretty"));
        if (action is "post" or "put" or "patch")
        {
            parameters.Add(Query("dryRun"));
            parameters.Add(Query("fieldManager"));
            parameters.Add(Query("fieldValidation"));
        }

        if (action == "patch")
        {
            parameters.Add(new JsonObject { ["name"] = "force", ["in"] = "query", ["schema"] = new JsonObject { ["type"] = "boolean", ["uniqueItems"] = true } });
        }

        if (action == "list")
        {
            foreach (var name in new[] { "labelSelector", "fieldSelector", "resourceVersion", "watch", "allowWatchBookmarks", "timeoutSeconds" })
            {
                parameters.Add(Query(name));
            }
        }

        var operation = new JsonObject
        {
            ["description"] = $"{action} {type.Kind}",
            ["operationId"] = $"{action}{type.Kind}",
            ["parameters"] = parameters,
            ["responses"] = new JsonObject
            {
                ["200"] = new JsonObject
                {
                    ["description"] = "OK",
                    ["content"] = new JsonObject
                    {
                        ["application/json"] = new JsonObject
                        {
                            ["schema"] = new JsonObject { ["$ref"] = $"#/components/schemas/{schemaName}" },
                        },
                    },
                },
            },
            ["x-kubernetes-action"] = action,
            ["x-kubernetes-group-version-kind"] = new JsonObject { ["group"] = type.Group, ["version"] = type.Version, ["kind"] = type.Kind },
        };
        if (action is "post" or "put" or "patch")
        {
            var mediaTypes = action == "patch"
                ? new[] { "application/json-patch+json", "application/merge-patch+json", "application/strategic-merge-patch+json", "application/apply-patch+yaml" }
                : ["application/json"];
            var content = new JsonObject();
            foreach (var mediaType in mediaTypes)
            {
                content[mediaType] = new JsonObject { ["schema"] = new JsonObject { ["$ref"] = $"#/components/schemas/{schemaName}" } };
            }

            operation["requestBody"] = new JsonObject { ["content"] = content, ["required"] = true };
        }

        return operation;
    }

    private static JsonObject Query(string name) => new()
    {
        ["name"] = name,
        ["in"] = "query",
        ["schema"] = new JsonObject { ["type"] = "string", ["uniqueItems"] = true },
    };
}
