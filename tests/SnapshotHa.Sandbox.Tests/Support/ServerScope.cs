using k8s;
using SnapshotHa.Sandbox.ApiServer;

namespace SnapshotHa.Sandbox.Tests.Support;

/// <summary>A started server with the Widget CRD and a client for it.</summary>
public sealed class ServerScope : IAsyncDisposable
{
    private ServerScope(KubeApiServer server, Kubernetes client)
    {
        Server = server;
        Client = client;
        Widgets = new WidgetApi(client);
    }

    public KubeApiServer Server { get; }

    public Kubernetes Client { get; }

    public WidgetApi Widgets { get; }

    public static async Task<ServerScope> StartAsync(KubeApiServerOptions? options = null)
    {
        options ??= new KubeApiServerOptions();
        options = options with { CustomResourceDefinitions = [.. options.CustomResourceDefinitions, TestCrds.Widget()] };
        var server = await KubeApiServer.StartAsync(options, CancellationToken.None);
        return new ServerScope(server, new Kubernetes(server.CreateClientConfiguration()));
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Server.DisposeAsync();
    }
}
