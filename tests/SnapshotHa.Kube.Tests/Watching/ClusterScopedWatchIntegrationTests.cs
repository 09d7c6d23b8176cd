using System.Collections.Concurrent;
using k8s;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using SnapshotHa.Kube.Controller;
using SnapshotHa.Kube.Hosting;
using SnapshotHa.Kube.Reconciliation;
using SnapshotHa.Kube.Tests.TestKit;

namespace SnapshotHa.Kube.Tests.Watching;

[Collection(SandboxCollection.Name)]
public sealed class ClusterScopedWatchIntegrationTests
{
    [Fact]
    public async Task Cluster_scoped_kind_is_watched_cluster_wide_even_by_a_namespaced_operator()
    {
        await using var sandbox = await ApiSandbox.StartAsync(TestCrd.CreateClusterScoped());
        var seen = new ConcurrentDictionary<string, bool>();
        var builder = new HostApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        using var kubernetes = new Kubernetes(sandbox.Server.CreateClientConfiguration());
        builder.Services.AddLogging().AddSingleton<IKubernetes>(kubernetes).AddSingleton(seen);
        builder.Services
            .AddKubernetesOperator(s => s.Namespace = "default")
            .AddController<SeenController, V1TestClusterEntity>();
        using var host = builder.Build();
        await host.StartAsync();

        await sandbox.Client.CreateAsync(new V1TestClusterEntity { Metadata = new() { Name = "global" } });

        var recorder = new ReconcileRecorder();
        await recorder.WaitUntilAsync(() => seen.ContainsKey("global"), TimeSpan.FromSeconds(20), "the cluster-scoped entity is reconciled");
        await host.StopAsync();
    }

    private sealed class SeenController(ConcurrentDictionary<string, bool> seen) : IEntityController<V1TestClusterEntity>
    {
        public Task<ReconciliationResult<V1TestClusterEntity>> ReconcileAsync(V1TestClusterEntity entity, CancellationToken cancellationToken)
        {
            entity.Metadata.NamespaceProperty.Should().BeNull();
            seen[entity.Metadata.Name] = true;
            return Task.FromResult(ReconciliationResult<V1TestClusterEntity>.Success(entity));
        }

        public Task<ReconciliationResult<V1TestClusterEntity>> DeletedAsync(V1TestClusterEntity entity, CancellationToken cancellationToken) =>
            Task.FromResult(ReconciliationResult<V1TestClusterEntity>.Success(entity));
    }
}
