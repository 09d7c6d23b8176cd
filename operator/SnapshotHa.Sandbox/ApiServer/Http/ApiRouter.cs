using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using SnapshotHa.Sandbox.ApiServer.Discovery;
using SnapshotHa.Sandbox.ApiServer.Errors;
using SnapshotHa.Sandbox.ApiServer.OpenApi;
using SnapshotHa.Sandbox.ApiServer.Resources;

namespace SnapshotHa.Sandbox.ApiServer.Http;

/// <summary>Routes every request (counted by verb): injected faults, health, version, discovery, OpenAPI, then resources; failures become Status bodies.</summary>
internal sealed class ApiRouter(
    ResourceCatalog catalog,
    DiscoveryDocuments discovery,
    OpenApiDocuments openApi,
    ResourceEndpoint resources,
    FaultInjector faults,
    RequestCounter requests,
    ILogger logger)
{
    /// <summary>Serves one HTTP request.</summary>
    public async Task HandleAsync(HttpContext context)
    {
        var method = context.Request.Method;
        var path = context.Request.Path.Value ?? "/";
        var cancellationToken = context.RequestAborted;
        try
        {
            if (faults.Take(method, path) is { } injected)
            {
                Log.FaultInjected(logger, injected, method, path);
                throw new ApiException(injected, StatusObjects.ReasonFor(injected), $"injected failure {injected} for {method} {path}");
            }

            await RouteAsync(context, path, cancellationToken);
            Log.Served(logger, method, path, context.Response.StatusCode);
        }
        catch (ApiException e) when (!context.Response.HasStarted)
        {
            await JsonResponses.WriteAsync(context, e.Code, e.ToStatus(), cancellationToken);
            Log.Served(logger, method, path, e.Code);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The client went away.
        }
        catch (Exception e) when (!context.Response.HasStarted)
        {
            Log.Failed(logger, e, method, path);
            await JsonResponses.WriteAsync(context, 500, StatusObjects.Failure(500, "InternalError", $"Internal error occurred: {e.Message}"), cancellationToken);
        }
    }

    private async Task RouteAsync(HttpContext context, string path, CancellationToken cancellationToken)
    {
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        requests.Count(context.Request, segments);
        switch (segments)
        {
            case ["healthz" or "livez" or "readyz", ..]:
                context.Response.ContentType = "text/plain";
                await context.Response.WriteAsync("ok", cancellationToken);
                return;
            case ["api", "v1", _, ..]:
                await resources.ServeAsync(context, ResourceRequest.Parse(catalog, string.Empty, "v1", segments[2..]), cancellationToken);
                return;
            case ["apis", var group, var version, _, ..]:
                await resources.ServeAsync(context, ResourceRequest.Parse(catalog, group, version, segments[3..]), cancellationToken);
                return;
        }

        JsonNode? document = segments switch
        {
            ["version"] => DiscoveryDocuments.Version(),
            ["api"] => DiscoveryDocuments.CoreVersions($"{context.Request.Host}"),
            ["api", "v1"] => discovery.Resources(string.Empty, "v1"),
            ["apis"] => discovery.Groups(),
            ["apis", var group] => discovery.GroupDocument(group),
            ["apis", var group, var version] => discovery.Resources(group, version),
            ["openapi", "v3"] => openApi.Index(),
            ["openapi", "v3", "api", "v1"] => openApi.GroupVersion(string.Empty, "v1"),
            ["openapi", "v3", "apis", var group, var version] => openApi.GroupVersion(group, version),
            _ => null,
        };
        await JsonResponses.WriteAsync(context, 200, document ?? throw ResourceRequest.NotFound(), cancellationToken);
    }
}
