using k8s;
using k8s.Models;
using SnapshotHa.Kube.Client;
using SnapshotHa.Sandbox.ApiServer;

namespace SnapshotHa.Kube.Tests.TestKit;

/// <summary>A sandbox API server with the test CRD and a client for test-side writes.</summary>
public sealed class ApiSandbox : IAsyncDisposable
{
    private readonly Kubernetes _kubernetes;

    private ApiSandbox(KubeApiServer server)
    {
        Server = server;
        _kubernetes = new Kubernetes(server.CreateClientConfiguration());
        Client = new KubernetesClient(_kubernetes);
    }

    public KubeApiServer Server { get; }

    public IKubernetesClient Client { get; }

    public IKubernetes Kubernetes => _kubernetes;

    public static async Task<ApiSandbox> StartAsync(params V1CustomResourceDefinition[] extraCrds) =>
        new(await KubeApiServer.StartAsync(
            new KubeApiServerOptions { CustomResourceDefinitions = [TestCrd.Create(), .. extraCrds], BookmarkInterval = TimeSpan.FromSeconds(1) },
            CancellationToken.None));

    public Task<V1TestEntity> CreateAsync(string name, string value = "v0", string ns = "default") =>
        Client.CreateAsync(V1TestEntity.Create(ns, name, value));

    /// <summary>Sets spec.value on the latest state, retrying conflicts with the operator's own writes.</summary>
    public async Task<V1TestEntity> SetValueAsync(string name, string value, string ns = "default")
    {
        while (true)
        {
            var entity = await Client.GetAsync<V1TestEntity>(name, ns) ?? throw new InvalidOperationException($"{ns}/{name} is gone");
            entity.Spec.Value = value;
            try
            {
                return await Client.UpdateAsync(entity);
            }
            catch (Exception e) when (e.IsConflict())
            {
                // The operator wrote meanwhile (finalizer): read again.
            }
        }
    }

    public async Task DeleteAsync(string name, string ns = "default")
    {
        var entity = await Client.GetAsync<V1TestEntity>(name, ns) ?? throw new InvalidOperationException($"{ns}/{name} is gone");
        await Client.DeleteAsync(entity);
    }

    public async ValueTask DisposeAsync()
    {
        _kubernetes.Dispose();
        await Server.DisposeAsync();
    }
}
