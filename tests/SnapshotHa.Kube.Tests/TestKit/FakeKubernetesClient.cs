using System.Collections.Concurrent;
using System.Net;
using System.Net.Http;
using k8s;
using k8s.Autorest;
using k8s.Models;
using SnapshotHa.Kube.Client;

namespace SnapshotHa.Kube.Tests.TestKit;

/// <summary>An in-memory IKubernetesClient with resourceVersion checks and injectable conflicts.</summary>
public sealed class FakeKubernetesClient : IKubernetesClient
{
    private readonly ConcurrentDictionary<string, string> _store = new();
    private int _resourceVersion;

    private int _writes;
    private int _statusWrites;
    private int _reads;

    public int Writes => Volatile.Read(ref _writes);

    public int StatusWrites => Volatile.Read(ref _statusWrites);

    public int Reads => Volatile.Read(ref _reads);

    /// <summary>Called before each write with the stored entity; lets a test simulate a concurrent writer.</summary>
    public Action<string>? BeforeWrite { get; set; }

    public void Seed<TEntity>(TEntity entity)
        where TEntity : IKubernetesObject<V1ObjectMeta>
    {
        entity.Metadata.ResourceVersion = Next();
        entity.Metadata.Uid ??= Guid.NewGuid().ToString();
        _store[EntityKey.For(entity)] = KubernetesJson.Serialize(entity);
    }

    public TEntity? Peek<TEntity>(string key) =>
        _store.TryGetValue(key, out var json) ? KubernetesJson.Deserialize<TEntity>(json) : default;

    public void Bump(string key)
    {
        var node = System.Text.Json.Nodes.JsonNode.Parse(_store[key])!;
        node["metadata"]!["resourceVersion"] = Next();
        _store[key] = node.ToJsonString();
    }

    public Task<TEntity?> GetAsync<TEntity>(string name, string? @namespace = null, CancellationToken cancellationToken = default)
        where TEntity : IKubernetesObject<V1ObjectMeta>
    {
        Interlocked.Increment(ref _reads);
        return Task.FromResult(Peek<TEntity>(EntityKey.For(@namespace, name)));
    }

    public Task<IList<TEntity>> ListAsync<TEntity>(string? @namespace = null, string? labelSelector = null, CancellationToken cancellationToken = default)
        where TEntity : IKubernetesObject<V1ObjectMeta> =>
        Task.FromResult<IList<TEntity>>([.. _store.Values.Select(v => KubernetesJson.Deserialize<TEntity>(v))]);

    public Task<TEntity> CreateAsync<TEntity>(TEntity entity, CancellationToken cancellationToken = default)
        where TEntity : IKubernetesObject<V1ObjectMeta>
    {
        Seed(entity);
        return Task.FromResult(entity);
    }

    public Task<TEntity> UpdateAsync<TEntity>(TEntity entity, CancellationToken cancellationToken = default)
        where TEntity : IKubernetesObject<V1ObjectMeta>
    {
        Interlocked.Increment(ref _writes);
        return Task.FromResult(Write(entity));
    }

    public Task<TEntity> UpdateStatusAsync<TEntity>(TEntity entity, CancellationToken cancellationToken = default)
        where TEntity : IKubernetesObject<V1ObjectMeta>
    {
        Interlocked.Increment(ref _statusWrites);
        return Task.FromResult(Write(entity));
    }

    public Task DeleteAsync<TEntity>(TEntity entity, CancellationToken cancellationToken = default)
        where TEntity : IKubernetesObject<V1ObjectMeta>
    {
        _store.TryRemove(EntityKey.For(entity), out _);
        return Task.CompletedTask;
    }

    private TEntity Write<TEntity>(TEntity entity)
        where TEntity : IKubernetesObject<V1ObjectMeta>
    {
        var key = EntityKey.For(entity);
        BeforeWrite?.Invoke(key);
        var stored = Peek<TEntity>(key) ?? throw Error(HttpStatusCode.NotFound);
        if (stored.Metadata.ResourceVersion != entity.Metadata.ResourceVersion)
        {
            throw Error(HttpStatusCode.Conflict);
        }

        var copy = KubernetesJson.Deserialize<TEntity>(KubernetesJson.Serialize(entity));
        copy.Metadata.ResourceVersion = Next();
        _store[key] = KubernetesJson.Serialize(copy);
        return copy;
    }

    private string Next() => Interlocked.Increment(ref _resourceVersion).ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static HttpOperationException Error(HttpStatusCode status) => new($"Operation returned {(int)status}")
    {
        Response = new HttpResponseMessageWrapper(new HttpResponseMessage(status), string.Empty),
    };
}
