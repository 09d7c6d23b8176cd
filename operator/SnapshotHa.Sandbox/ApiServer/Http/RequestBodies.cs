using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using SnapshotHa.Sandbox.ApiServer.Errors;
using SnapshotHa.Sandbox.ApiServer.Patching;

namespace SnapshotHa.Sandbox.ApiServer.Http;

/// <summary>Reads request bodies with kube-apiserver's size limit.</summary>
internal static class RequestBodies
{
    /// <summary>kube-apiserver's request body limit (3 MiB).</summary>
    public const int MaxBytes = 3 * 1024 * 1024;

    /// <summary>The body as text; throws 413 beyond <see cref="MaxBytes"/>.</summary>
    public static async Task<string> ReadTextAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaxBytes)
        {
            throw TooLarge();
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > MaxBytes)
            {
                throw TooLarge();
            }
        }

        return System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    /// <summary>The body as a JSON object (YAML when the content type says so); null when empty; throws 400 when malformed.</summary>
    public static async Task<JsonObject?> ReadObjectAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentType?.Contains("protobuf", StringComparison.OrdinalIgnoreCase) == true)
        {
            throw new ApiException(415, "UnsupportedMediaType", $"the body of the request was in an unknown format - accepted media types include: application/json, application/yaml (got {request.ContentType})");
        }

        var text = await ReadTextAsync(request, cancellationToken);
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        try
        {
            var node = request.ContentType?.Contains("yaml", StringComparison.OrdinalIgnoreCase) == true
                ? YamlJson.Parse(text)
                : JsonNode.Parse(text);
            return node as JsonObject ?? throw ApiErrors.BadRequest("the request body must be a JSON object");
        }
        catch (Exception e) when (e is JsonException or YamlDotNet.Core.YamlException)
        {
            throw ApiErrors.BadRequest($"error decoding the request body: {e.Message}");
        }
    }

    private static ApiException TooLarge() => new(413, "RequestEntityTooLarge", "the request body is too large");
}
