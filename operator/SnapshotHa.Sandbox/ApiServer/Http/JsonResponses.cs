using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace SnapshotHa.Sandbox.ApiServer.Http;

/// <summary>Writes JSON response bodies.</summary>
internal static class JsonResponses
{
    /// <summary>Writes <paramref name="body"/> with <paramref name="statusCode"/> as application/json.</summary>
    public static Task WriteAsync(HttpContext context, int statusCode, JsonNode body, CancellationToken cancellationToken) =>
        WriteAsync(context, statusCode, JsonSerializer.SerializeToUtf8Bytes(body), cancellationToken);

    /// <summary>Writes already serialized JSON with <paramref name="statusCode"/> as application/json.</summary>
    public static async Task WriteAsync(HttpContext context, int statusCode, byte[] json, CancellationToken cancellationToken)
    {
        context.Response.StatusCode = statusCode;
        context.Response.ContentType = "application/json";
        context.Response.ContentLength = json.Length;
        await context.Response.Body.WriteAsync(json, cancellationToken);
    }
}
