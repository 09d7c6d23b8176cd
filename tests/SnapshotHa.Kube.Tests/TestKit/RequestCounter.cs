using System.Collections.Concurrent;
using System.Net.Http;

namespace SnapshotHa.Kube.Tests.TestKit;

/// <summary>Counts the client's requests by "METHOD path?watch" so tests can tell a resumed watch from a relist.</summary>
public sealed class RequestCounter : DelegatingHandler
{
    private readonly ConcurrentQueue<string> _requests = new();

    public int Count(Func<string, bool> predicate) => _requests.Count(predicate);

    /// <summary>LIST requests of the test kind across namespaces (not watches).</summary>
    public int Lists => Count(r => r.StartsWith($"GET /apis/{V1TestEntity.Group}/{V1TestEntity.Version}/{V1TestEntity.Plural}", StringComparison.Ordinal) && !r.Contains("watch=true", StringComparison.Ordinal));

    /// <summary>WATCH requests of the test kind across namespaces.</summary>
    public int Watches => Count(r => r.StartsWith($"GET /apis/{V1TestEntity.Group}/{V1TestEntity.Version}/{V1TestEntity.Plural}", StringComparison.Ordinal) && r.Contains("watch=true", StringComparison.Ordinal));

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        _requests.Enqueue($"{request.Method} {request.RequestUri?.PathAndQuery}");
        return base.SendAsync(request, cancellationToken);
    }
}
