using System.Globalization;
using k8s;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using SnapshotHa.Kube.Health;
using SnapshotHa.Kube.Hosting;
using SnapshotHa.Kube.LeaderElection;
using SnapshotHa.Kube.Metrics;

namespace SnapshotHa.Kube.Tests.TestKit;

/// <summary>One operator host running the test controller against a sandbox, with its own metrics registry.</summary>
public sealed class OperatorInstance : IAsyncDisposable
{
    private readonly Kubernetes _kubernetes;
    private bool _stopped;

    private OperatorInstance(IHost host, Kubernetes kubernetes, RequestCounter requests, ReconcileRecorder recorder, ControllerMetrics metrics)
    {
        Host = host;
        _kubernetes = kubernetes;
        Requests = requests;
        Recorder = recorder;
        Metrics = metrics;
    }

    public IHost Host { get; }

    public RequestCounter Requests { get; }

    public ReconcileRecorder Recorder { get; }

    public ControllerMetrics Metrics { get; }

    public IControllerRuntime Controller => Host.Services.GetServices<IControllerRuntime>().Single();

    public LeadershipState Leadership => Host.Services.GetRequiredService<LeadershipState>();

    /// <summary>
    /// Waits until the initial list is done; entities created afterwards reach the controller only through the watch,
    /// so once one is reconciled the watch stream is known to be open.
    /// </summary>
    public Task WaitUntilListedAsync(TimeSpan timeout)
    {
        var health = Host.Services.GetRequiredService<WatchHealthRegistry>();
        return Recorder.WaitUntilAsync(
            () => Leadership.IsLeading && health.UnlistedKinds().Count == 0 && Requests.Lists > 0,
            timeout,
            "the initial list completes");
    }

    public static async Task<OperatorInstance> StartAsync(
        ApiSandbox sandbox, Action<OperatorSettings>? configure = null, bool withFinalizer = false)
    {
        var builder = new HostApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        var (kubernetes, requests, recorder, metrics) = Configure(builder.Services, sandbox, configure, withFinalizer);
        var host = builder.Build();
        await host.StartAsync();
        return new OperatorInstance(host, kubernetes, requests, recorder, metrics);
    }

    /// <summary>Registers the runtime and test doubles on any service collection (also used for a web host).</summary>
    public static (Kubernetes Kubernetes, RequestCounter Requests, ReconcileRecorder Recorder, ControllerMetrics Metrics) Configure(
        IServiceCollection services, ApiSandbox sandbox, Action<OperatorSettings>? configure, bool withFinalizer)
    {
        var requests = new RequestCounter();
        var kubernetes = new Kubernetes(sandbox.Server.CreateClientConfiguration(), requests);
        var recorder = new ReconcileRecorder();
        var metrics = new ControllerMetrics(Prometheus.Metrics.NewCustomRegistry());
        services.AddLogging();
        services.AddSingleton<IKubernetes>(kubernetes);
        services.AddSingleton(metrics);
        services.AddSingleton(recorder);
        var builder = services
            .AddKubernetesOperator(settings =>
            {
                settings.Name = "test";
                settings.WatchRetryBaseDelay = TimeSpan.FromMilliseconds(50);
                settings.WatchRetryMaxDelay = TimeSpan.FromMilliseconds(500);
                settings.ReconcileRetryBaseDelay = TimeSpan.FromMilliseconds(50);
                settings.ReconcileRetryMaxDelay = TimeSpan.FromSeconds(1);
                settings.LeaderElectionNamespace = "default";
                configure?.Invoke(settings);
            })
            .AddController<RecordingController, V1TestEntity>();
        if (withFinalizer)
        {
            builder.AddFinalizer<RecordingFinalizer, V1TestEntity>(RecordingFinalizer.Identifier);
        }

        return (kubernetes, requests, recorder, metrics);
    }

    /// <summary>Sums the samples of a metric whose label text contains every given fragment.</summary>
    public async Task<double> MetricAsync(string name, params string[] labelFragments)
    {
        using var stream = new MemoryStream();
        await Metrics.Registry.CollectAndExportAsTextAsync(stream);
        var text = System.Text.Encoding.UTF8.GetString(stream.ToArray());
        return text.Split('\n')
            .Where(l => l.StartsWith(name + "{", StringComparison.Ordinal) || l.StartsWith(name + " ", StringComparison.Ordinal))
            .Where(l => labelFragments.All(f => l.Contains(f, StringComparison.Ordinal)))
            .Sum(l => double.Parse(l[(l.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture));
    }

    public async Task StopAsync()
    {
        if (_stopped)
        {
            return;
        }

        _stopped = true;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        await Host.StopAsync(timeout.Token);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        Host.Dispose();
        _kubernetes.Dispose();
    }
}
