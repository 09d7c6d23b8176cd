using k8s;
using SnapshotHa.Sandbox.ApiServer;
using SnapshotHa.Sandbox.Tests.Support;

namespace SnapshotHa.Sandbox.Tests.Kubectl;

/// <summary>One sandbox API server with the test CRD, a kubeconfig for it and a kubectl runner, shared by a test class.</summary>
public sealed class KubectlFixture : IAsyncLifetime
{
    private readonly string _work = Directory.CreateTempSubdirectory("snapshotha-kubectl-").FullName;

    public KubeApiServer Server { get; private set; } = null!;

    public Support.Kubectl Kubectl { get; private set; } = null!;

    public Kubernetes Client { get; private set; } = null!;

    public string WorkDirectory => _work;

    public async Task InitializeAsync()
    {
        Server = await KubeApiServer.StartAsync(new KubeApiServerOptions { CustomResourceDefinitions = [TestCrds.Widget()] }, CancellationToken.None);
        var kubeconfig = Path.Combine(_work, "kubeconfig");
        await Server.WriteKubeconfigAsync(kubeconfig, CancellationToken.None);
        Kubectl = new Support.Kubectl(kubeconfig, _work);
        Client = new Kubernetes(Server.CreateClientConfiguration());
    }

    /// <summary>Writes a manifest into the work directory and returns its path.</summary>
    public string Manifest(string name, string yaml)
    {
        var path = Path.Combine(_work, name);
        File.WriteAllText(path, yaml);
        return path;
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        await Server.DisposeAsync();
        Directory.Delete(_work, recursive: true);
    }
}
