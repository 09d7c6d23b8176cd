using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using SnapshotHa.Sandbox.ApiServer.Discovery;
using SnapshotHa.Sandbox.ApiServer.Http;
using SnapshotHa.Sandbox.ApiServer.OpenApi;
using SnapshotHa.Sandbox.ApiServer.Registry;
using SnapshotHa.Sandbox.ApiServer.Resources;
using SnapshotHa.Sandbox.ApiServer.Storage;
using SnapshotHa.Sandbox.ApiServer.Validation;
using SnapshotHa.Sandbox.ApiServer.Watch;
using k8s;

namespace SnapshotHa.Sandbox.ApiServer;

/// <summary>
/// An in-process stand-in for kube-apiserver on 127.0.0.1: the Kubernetes REST protocol (discovery, OpenAPI v3, CRUD,
/// patch, status subresource, finalizers, cascading deletion, watch with bookmarks and 410 Gone, server-side tables) over an
/// in-memory store, for the sandbox and for tests with the real kubectl and KubernetesClient. A single process, not a
/// cluster: no authentication, no admission webhooks, no persistence.
/// </summary>
public sealed class KubeApiServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ObjectStore _store;
    private readonly ActiveWatches _watches;
    private readonly FaultInjector _faults;
    private readonly RequestCounter _requests;
    private readonly CancellationTokenSource _stopping = new();
    private Task _garbageCollection = Task.CompletedTask;

    private KubeApiServer(WebApplication app, ObjectStore store, ActiveWatches watches, FaultInjector faults, RequestCounter requests)
    {
        _app = app;
        _store = store;
        _watches = watches;
        _faults = faults;
        _requests = requests;
    }

    /// <summary>The server's address, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri BaseAddress { get; private set; } = new("http://127.0.0.1/");

    /// <summary>
    /// Starts a server with the built-in kinds and <see cref="KubeApiServerOptions.CustomResourceDefinitions"/>.
    /// Throws <see cref="ArgumentException"/> for an unusable CRD (names, schema or CEL rules) or a non-positive
    /// bookmark interval or negative history limit, and <see cref="IOException"/> when the port is taken.
    /// </summary>
    public static async Task<KubeApiServer> StartAsync(KubeApiServerOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.BookmarkInterval, TimeSpan.Zero, nameof(options));
        ArgumentOutOfRangeException.ThrowIfNegative(options.HistoryLimit, nameof(options));
        var loggerFactory = options.LoggerFactory ?? NullLoggerFactory.Instance;
        var logger = loggerFactory.CreateLogger<KubeApiServer>();
        var catalog = new ResourceCatalog(options.CustomResourceDefinitions);
        var store = new ObjectStore(options.HistoryLimit);
        var registry = new ResourceRegistry(store, new SchemaAdmission(options.CustomResourceDefinitions), options.TimeProvider, new Random());
        var watches = new ActiveWatches();
        var faults = new FaultInjector();
        var requests = new RequestCounter();
        var router = new ApiRouter(
            catalog,
            new DiscoveryDocuments(catalog),
            new OpenApiDocuments(catalog),
            new ResourceEndpoint(registry, new WatchEndpoint(store, watches, options.TimeProvider, options.BookmarkInterval), options.TimeProvider),
            faults,
            requests,
            logger);

        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.Services.AddSingleton(loggerFactory);
        builder.WebHost.UseKestrelCore().ConfigureKestrel(k => k.Listen(IPAddress.Loopback, options.Port));
        var app = builder.Build();
        app.Run(router.HandleAsync);

        var server = new KubeApiServer(app, store, watches, faults, requests);
        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch
        {
            await app.DisposeAsync();
            server._stopping.Dispose();
            throw;
        }

        var address = app.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>()
            .Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.BaseAddress = new Uri(address.EndsWith('/') ? address : address + "/");
        server._garbageCollection = new GarbageCollector(registry, logger).RunAsync(server._stopping.Token);
        foreach (var ns in new[] { "default", "kube-system", "kube-public" })
        {
            registry.Create(catalog.Find(string.Empty, "v1", "namespaces")!, null, new() { ["metadata"] = new JsonObject { ["name"] = ns } });
        }

        Log.Started(logger, server.BaseAddress);
        return server;
    }

    /// <summary>A client configuration for this server: <c>Host</c> = <see cref="BaseAddress"/>, no authentication.</summary>
    public KubernetesClientConfiguration CreateClientConfiguration() => new() { Host = BaseAddress.ToString().TrimEnd('/') };

    /// <summary>Writes a kubeconfig (cluster, user and context <c>snapshotha-sandbox</c>) pointing at this server.</summary>
    public Task WriteKubeconfigAsync(string path, CancellationToken cancellationToken) =>
        File.WriteAllTextAsync(path, Kubeconfig.For(BaseAddress), cancellationToken);

    /// <summary>Closes every open watch stream abruptly; clients have to resume.</summary>
    public void DropWatches() => _watches.AbortAll();

    /// <summary>Forgets the watch history: watches from an older resourceVersion get 410 Gone.</summary>
    public void CompactHistory() => _store.CompactHistory();

    /// <summary>
    /// Makes the next <paramref name="times"/> requests whose method is <paramref name="method"/> and whose path starts with
    /// <paramref name="pathPrefix"/> fail with <paramref name="statusCode"/> and a Status body.
    /// </summary>
    public void FailNext(string method, string pathPrefix, int statusCode, int times = 1) => _faults.Arm(method, pathPrefix, statusCode, times);

    /// <summary>Disarms every fault <see cref="FailNext"/> armed that is not used up yet.</summary>
    public void ClearFaults() => _faults.Clear();

    /// <summary>
    /// The requests received since the start, by verb and resource: <c>GET</c>, <c>LIST</c>, <c>WATCH</c> or the HTTP
    /// method, then the resource (with the subresource), e.g. <c>PUT protectedvms/status</c>. Every routed request
    /// counts, also those that failed (injected faults do not).
    /// </summary>
    /// <returns>A copy of the counts.</returns>
    public IReadOnlyDictionary<string, long> RequestCounts() => _requests.Snapshot();

    /// <summary>Stops the server, ending every watch.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        _watches.AbortAll();
        await _garbageCollection;
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
        _stopping.Dispose();
    }
}
