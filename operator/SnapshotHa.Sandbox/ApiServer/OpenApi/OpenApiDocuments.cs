using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using SnapshotHa.Sandbox.ApiServer.Resources;

namespace SnapshotHa.Sandbox.ApiServer.OpenApi;

/// <summary>
/// OpenAPI v3 as kube-apiserver publishes it: the <c>/openapi/v3</c> index and one document per group version with the
/// resource paths (their PATCH accepting <c>fieldValidation</c>, so kubectl validates on the server) and the object schemas
/// (from the CRD schemas; built-in kinds get an open schema) tagged with <c>x-kubernetes-group-version-kind</c>.
/// </summary>
internal sealed class OpenApiDocuments(ResourceCatalog catalog)
{
    private const string ObjectMetaName = "io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta";

    /// <summary>/openapi/v3: the group versions and their document URLs.</summary>
    public JsonObject Index()
    {
        var paths = new JsonObject();
        foreach (var type in catalog.All.DistinctBy(t => t.ApiVersion))
        {
            var key = type.Group.Length == 0 ? $"api/{type.Version}" : $"apis/{type.Group}/{type.Version}";
            var hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(GroupVersion(type.Group, type.Version)!.ToJsonString())));
            paths[key] = new JsonObject { ["serverRelativeURL"] = $"/openapi/v3/{key}?hash={hash}" };
        }

        return new JsonObject { ["paths"] = paths };
    }

    /// <summary>The OpenAPI v3 document of one group version, or null when it is not served.</summary>
    public JsonObject? GroupVersion(string group, string version)
    {
        var types = catalog.InGroupVersion(group, version);
        if (types.Count == 0)
        {
            return null;
        }

        var paths = new JsonObject();
        var schemas = new JsonObject { [ObjectMetaName] = OpenApiSchemas.ObjectMeta() };
        foreach (var type in types)
        {
            var schemaName = SchemaName(type);
            schemas[schemaName] = OpenApiSchemas.ForResource(type, ObjectMetaName);
            var prefix = type.Group.Length == 0 ? $"/api/{type.Version}" : $"/apis/{type.Group}/{type.Version}";
            var collection = type.Namespaced ? $"{prefix}/namespaces/{{namespace}}/{type.Plural}" : $"{prefix}/{type.Plural}";
            paths[collection] = new JsonObject
            {
                ["get"] = OpenApiOperations.Operation(type, "list", schemaName),
                ["post"] = OpenApiOperations.Operation(type, "post", schemaName),
            };
            paths[$"{collection}/{{name}}"] = new JsonObject
            {
                ["get"] = OpenApiOperations.Operation(type, "get", schemaName),
                ["put"] = OpenApiOperations.Operation(type, "put", schemaName),
                ["patch"] = OpenApiOperations.Operation(type, "patch", schemaName),
                ["delete"] = OpenApiOperations.Operation(type, "delete", schemaName),
            };
            if (type.HasStatusSubresource)
            {
                paths[$"{collection}/{{name}}/status"] = new JsonObject
                {
                    ["get"] = OpenApiOperations.Operation(type, "get", schemaName),
                    ["put"] = OpenApiOperations.Operation(type, "put", schemaName),
                    ["patch"] = OpenApiOperations.Operation(type, "patch", schemaName),
                };
            }
        }

        return new JsonObject
        {
            ["openapi"] = "3.0.0",
            ["info"] = new JsonObject { ["title"] = "Kubernetes", ["version"] = "v1.32.3" },
            ["paths"] = paths,
            ["components"] = new JsonObject { ["schemas"] = schemas },
        };
    }

    /// <summary>The schema name kube uses: reversed group domain, version, kind (<c>io.snapshotha.v1alpha1.ProtectedVM</c>).</summary>
    public static string SchemaName(ResourceType type) => type.Group switch
    {
        "" => $"io.k8s.api.core.{type.Version}.{type.Kind}",
        var g when !g.Contains('.', StringComparison.Ordinal) || g.EndsWith(".k8s.io", StringComparison.Ordinal) =>
            $"io.k8s.api.{g.Split('.')[0]}.{type.Version}.{type.Kind}",
        var g => $"{string.Join('.', g.Split('.').Reverse())}.{type.Version}.{type.Kind}",
    };
}
