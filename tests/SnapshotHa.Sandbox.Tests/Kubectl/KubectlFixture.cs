using k8s;
using k8s.Models;
using SnapshotHa.Sandbox.ApiServer;
using SnapshotHa.Sandbox.Tests.Support;

namespace SnapshotHa.Sandbox.Tests.Kubectl;

/// <summary>One sandbox API server with some CRDs, a kubeconfig for it and a kubectl runner, shared by a test class.</summary>
public abstract class KubectlFixture : IAsyncLifetime
{
    private readonly string _work = Directory.CreateTempSubdirectory("snapshotha-kubectl-").FullName;

    public KubeApiServer Server { get; private set; } = null!;

    public Support.Kubectl Kubectl { get; private set; } = null!;

    public Kubernetes Client { get; private set; } = null!;

    public string WorkDirectory => _work;

    public async Task InitializeAsync()
    {
        Server = await KubeApiServer.StartAsync(new KubeApiServerOptions { CustomResourceDefinitions = await LoadCrdsAsync() }, CancellationToken.None);
        var kubeconfig = Path.Combine(_work, "kubeconfig");
        await Server.WriteKubeconfigAsync(kubeconfig, CancellationToken.None);
        Kubectl = new Support.Kubectl(kubeconfig, _work);
        Client = new Kubernetes(Server.CreateClientConfiguration());
    }

    /// <summary>The CRDs the server serves.</summary>
    protected abstract Task<IReadOnlyList<V1CustomResourceDefinition>> LoadCrdsAsync();

    /// <summary>Writes a manifest into the work directory and returns its path.</summary>
    public string Manifest(string name, string yaml)
    {
        var path = Path.Combine(_work, name);
        File.WriteAllText(path, yaml);
        return path;
    }

    public async Task DisposeAsync()
    {
        Client?.Dispose();
        if (Server is not null)
        {
            await Server.DisposeAsync();
        }

        Directory.Delete(_work, recursive: true);
    }
}
