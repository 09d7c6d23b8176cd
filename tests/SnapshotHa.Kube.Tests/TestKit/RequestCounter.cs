using System.Collections.Concurrent;
using System.Net.Http;
using System.Text.RegularExpressions;

namespace SnapshotHa.Kube.Tests.TestKit;

/// <summary>Counts the client's requests by "METHOD path?watch" so tests can tell a resumed watch from a relist.</summary>
public sealed partial class RequestCounter : DelegatingHandler
{
    private readonly ConcurrentQueue<string> _requests = new();

    public int Count(Func<string, bool> predicate) => _requests.Count(predicate);

    /// <summary>LIST requests of the test kind, in one or all namespaces (not watches).</summary>
    public int Lists => Count(r => IsCollection(r) && !r.Contains("watch=true", StringComparison.Ordinal));

    /// <summary>WATCH requests of the test kind, in one or all namespaces.</summary>
    public int Watches => Count(r => IsCollection(r) && r.Contains("watch=true", StringComparison.Ordinal));

    private static bool IsCollection(string request) => CollectionRequest().IsMatch(request);

    [GeneratedRegex($@"^GET /apis/{V1TestEntity.Group}/{V1TestEntity.Version}/(namespaces/[^/]+/)?{V1TestEntity.Plural}(\?|$)")]
    private static partial Regex CollectionRequest();

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        _requests.Enqueue($"{request.Method} {request.RequestUri?.PathAndQuery}");
        return base.SendAsync(request, cancellationToken);
    }
}
