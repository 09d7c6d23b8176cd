using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;
using SnapshotHa.Sandbox.ApiServer.Errors;
using SnapshotHa.Sandbox.ApiServer.Registry;
using SnapshotHa.Sandbox.ApiServer.Selectors;
using SnapshotHa.Sandbox.ApiServer.Storage;
using SnapshotHa.Sandbox.ApiServer.Tables;

namespace SnapshotHa.Sandbox.ApiServer.Http;

/// <summary>The REST verbs on a resource collection, object or status subresource.</summary>
internal sealed class ResourceEndpoint(ResourceRegistry registry, WatchEndpoint watches, TimeProvider timeProvider)
{
    /// <summary>Serves one request; throws <see cref="ApiException"/> for kube-style failures.</summary>
    public async Task ServeAsync(HttpContext context, ResourceRequest request, CancellationToken cancellationToken)
    {
        if (request.Subresource is not null && (request.Subresource != "status" || !request.Type.HasStatusSubresource))
        {
            throw ResourceRequest.NotFound();
        }

        var statusOnly = request.Subresource == "status";
        var http = context.Request;
        var strict = http.Query["fieldValidation"] == "Strict";
        switch (http.Method, request.Name)
        {
            case ("GET", null) when IsTrue(http.Query["watch"]):
                await watches.ServeAsync(context, request, cancellationToken);
                break;
            case ("GET", null):
                await ListAsync(context, request, cancellationToken);
                break;
            case ("GET", { } name):
                var found = registry.Store.Get(request.Type, request.Namespace, name) ?? throw ApiErrors.NotFound(request.Type, name);
                await WriteObjectAsync(context, 200, request, found, cancellationToken);
                break;
            case ("POST", null) when !statusOnly:
                var body = await RequestBodies.ReadObjectAsync(http, cancellationToken) ?? throw ApiErrors.BadRequest("the request body is empty");
                await WriteObjectAsync(context, 201, request, registry.Create(request.Type, request.Namespace, body, strict), cancellationToken);
                break;
            case ("PUT", { } name):
                var replacement = await RequestBodies.ReadObjectAsync(http, cancellationToken) ?? throw ApiErrors.BadRequest("the request body is empty");
                await WriteObjectAsync(context, 200, request, registry.Update(request.Type, request.Namespace, name, replacement, statusOnly, strict), cancellationToken);
                break;
            case ("PATCH", { } name):
                var patch = await RequestBodies.ReadTextAsync(http, cancellationToken);
                var mediaType = MediaTypeHeaderValue.TryParse(http.ContentType, out var parsed) ? parsed.MediaType.Value : null;
                var patched = registry.Patch(request.Type, request.Namespace, name, mediaType, patch, statusOnly, strict);
                await WriteObjectAsync(context, patched.Created ? 201 : 200, request, patched.Object, cancellationToken);
                break;
            case ("DELETE", { } name) when !statusOnly:
                await DeleteAsync(context, request, name, cancellationToken);
                break;
            case ("DELETE", null):
                await DeleteCollectionAsync(context, request, cancellationToken);
                break;
            default:
                throw ApiErrors.MethodNotAllowed(http.Method);
        }
    }

    private async Task ListAsync(HttpContext context, ResourceRequest request, CancellationToken cancellationToken)
    {
        var (items, resourceVersion) = Select(context, request);
        if (TableBuilder.IsRequested(context.Request.Headers.Accept))
        {
            var table = TableBuilder.Build(request.Type, items, resourceVersion, timeProvider.GetUtcNow(), context.Request.Query["includeObject"]);
            await JsonResponses.WriteAsync(context, 200, table, cancellationToken);
            return;
        }

        await JsonResponses.WriteAsync(context, 200, List(request, items, resourceVersion), cancellationToken);
    }

    private async Task DeleteAsync(HttpContext context, ResourceRequest request, string name, CancellationToken cancellationToken)
    {
        var options = await RequestBodies.ReadObjectAsync(context.Request, cancellationToken) ?? [];
        if (context.Request.Query["propagationPolicy"] is { Count: > 0 } policy)
        {
            options["propagationPolicy"] = policy.ToString();
        }

        var outcome = registry.Delete(request.Type, request.Namespace, name, options);
        if (outcome.Action == StoreAction.Delete && !request.Type.IsCustom)
        {
            var details = ApiErrors.Details(request.Type, name);
            details["uid"] = outcome.Object.Uid;
            await JsonResponses.WriteAsync(context, 200, StatusObjects.Success(details), cancellationToken);
            return;
        }

        await WriteObjectAsync(context, 200, request, outcome.Object, cancellationToken);
    }

    private async Task DeleteCollectionAsync(HttpContext context, ResourceRequest request, CancellationToken cancellationToken)
    {
        var options = await RequestBodies.ReadObjectAsync(context.Request, cancellationToken);
        var (items, _) = Select(context, request);
        var deleted = new List<JsonObject>();
        foreach (var item in items)
        {
            try
            {
                var name = ObjectFields.MetadataString(item, "name")!;
                var ns = ObjectFields.MetadataString(item, "namespace");
                deleted.Add(registry.Delete(request.Type, request.Type.Namespaced ? ns : null, name, options).Object.ToNode(request.Type));
            }
            catch (ApiException e) when (e.Code == 404)
            {
                // Deleted meanwhile.
            }
        }

        await JsonResponses.WriteAsync(context, 200, List(request, deleted, registry.Store.CurrentResourceVersion), cancellationToken);
    }

    private (List<JsonObject> Items, long ResourceVersion) Select(HttpContext context, ResourceRequest request)
    {
        var labels = LabelSelector.Parse(context.Request.Query["labelSelector"]);
        var fields = FieldSelector.Parse(context.Request.Query["fieldSelector"], request.Type);
        var (stored, resourceVersion) = registry.Store.List(request.Type, request.Namespace);
        var items = stored
            .Select(o => o.ToNode(request.Type))
            .Where(o => labels.Matches(ObjectFields.Labels(o)) && fields.Matches(o))
            .ToList();
        return (items, resourceVersion);
    }

    private static JsonObject List(ResourceRequest request, List<JsonObject> items, long resourceVersion) => new()
    {
        ["apiVersion"] = request.Type.ApiVersion,
        ["kind"] = request.Type.Kind + "List",
        ["metadata"] = new JsonObject { ["resourceVersion"] = resourceVersion.ToString(System.Globalization.CultureInfo.InvariantCulture) },
        ["items"] = new JsonArray(items.Select(i => (JsonNode)i).ToArray()),
    };

    private async Task WriteObjectAsync(HttpContext context, int statusCode, ResourceRequest request, StoredObject obj, CancellationToken cancellationToken)
    {
        var node = obj.ToNode(request.Type);
        if (TableBuilder.IsRequested(context.Request.Headers.Accept) && context.Request.Method == "GET")
        {
            var table = TableBuilder.Build(request.Type, [node], obj.ResourceVersion, timeProvider.GetUtcNow(), context.Request.Query["includeObject"]);
            await JsonResponses.WriteAsync(context, statusCode, table, cancellationToken);
            return;
        }

        await JsonResponses.WriteAsync(context, statusCode, node, cancellationToken);
    }

    private static bool IsTrue(string? value) => value is "true" or "1" or "True";
}
