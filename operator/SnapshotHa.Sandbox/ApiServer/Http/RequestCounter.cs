using System.Collections.Concurrent;
using Microsoft.AspNetCore.Http;

namespace SnapshotHa.Sandbox.ApiServer.Http;

/// <summary>
/// Counts the requests the server received by verb and resource, e.g. <c>GET snapshotpolicies</c>,
/// <c>LIST protectedvms</c>, <c>WATCH recoveryimages</c>, <c>PUT protectedvms/status</c>; other paths count as
/// <c>GET /path</c>.
/// </summary>
internal sealed class RequestCounter
{
    private readonly ConcurrentDictionary<string, long> _counts = new(StringComparer.Ordinal);

    /// <summary>Counts one request.</summary>
    public void Count(HttpRequest request, string[] segments)
    {
        _counts.AddOrUpdate(Key(request, segments), 1, (_, n) => n + 1);
    }

    /// <summary>The counts so far.</summary>
    public IReadOnlyDictionary<string, long> Snapshot() => new Dictionary<string, long>(_counts, StringComparer.Ordinal);

    private static string Key(HttpRequest request, string[] segments)
    {
        // /api/v1/... or /apis/group/version/...; then optionally namespaces/NS/, then resource[/name[/subresource]].
        var rest = segments switch
        {
            ["api", "v1", _, ..] => segments[2..],
            ["apis", _, _, _, ..] => segments[3..],
            _ => null,
        };
        if (rest is null)
        {
            return $"{request.Method} /{string.Join('/', segments)}";
        }

        if (rest is ["namespaces", _, _, ..])
        {
            rest = rest[2..];
        }

        var resource = rest.Length > 2 ? $"{rest[0]}/{rest[2]}" : rest[0];
        var verb = request.Method != HttpMethods.Get ? request.Method
            : request.Query["watch"] is [var watch] && watch is "true" or "1" ? "WATCH"
            : rest.Length == 1 ? "LIST"
            : "GET";
        return $"{verb} {resource}";
    }
}
