using k8s;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SnapshotHa.Kube.Client;
using SnapshotHa.Operator.Controllers.Protection;
using SnapshotHa.Operator.Hosting;
using SnapshotHa.Sandbox.ApiServer;
using SnapshotHa.Sandbox.Simulator;

namespace SnapshotHa.Operator.SandboxRuntime;

/// <summary>
/// The whole system on one machine: the in-process Kubernetes API server with the SnapshotHA CRDs, the ESXi
/// simulator with a guest-write workload, the operator (merges in process), and the sandbox resource set applied.
/// The operator can be stopped and started again (restart trials) while everything else keeps running.
/// </summary>
public sealed class SandboxEnvironment : IAsyncDisposable
{
    private readonly Kubernetes _kubernetes;
    private readonly ILoggerFactory? _loggerFactory;

    private SandboxEnvironment(SandboxOptions options, KubeApiServer server, SimulatorProcess simulator, GuestWorkload workload, ILoggerFactory? loggerFactory)
    {
        Options = options;
        Server = server;
        Simulator = simulator;
        Workload = workload;
        _loggerFactory = loggerFactory;
        _kubernetes = new Kubernetes(server.CreateClientConfiguration());
        Client = new KubernetesClient(_kubernetes);
    }

    /// <summary>Gets the settings.</summary>
    public SandboxOptions Options { get; }

    /// <summary>Gets the API server.</summary>
    public KubeApiServer Server { get; }

    /// <summary>Gets the simulator.</summary>
    public SimulatorProcess Simulator { get; }

    /// <summary>Gets the guest-write workload (also the operator's snapshot fence).</summary>
    public GuestWorkload Workload { get; }

    /// <summary>Gets a client of the API server.</summary>
    public IKubernetesClient Client { get; }

    /// <summary>Gets the raw client of the API server.</summary>
    public IKubernetes Kubernetes => _kubernetes;

    /// <summary>Gets the local Job runner (executor Job), or null with executor InProcess.</summary>
    public Sandbox.Jobs.LocalJobRunner? JobRunner { get; private set; }

    /// <summary>Gets the running operator, or null while stopped.</summary>
    public WebApplication? Operator { get; private set; }

    /// <summary>Starts API server and simulator, applies the resource set, starts the workload (not the operator).</summary>
    /// <param name="options">The settings.</param>
    /// <param name="loggerFactory">Receives the operator's logs; null for none.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>The environment.</returns>
    public static async Task<SandboxEnvironment> StartAsync(SandboxOptions options, ILoggerFactory? loggerFactory, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var definitions = await CrdFiles.LoadAsync(Path.Combine(options.RepositoryRoot, "crds"), cancellationToken);
        var server = await KubeApiServer.StartAsync(
            new KubeApiServerOptions { CustomResourceDefinitions = definitions, BookmarkInterval = TimeSpan.FromSeconds(2) }, cancellationToken);
        SimulatorProcess? simulator = null;
        try
        {
            simulator = await SimulatorProcess.StartAsync(
                options.RepositoryRoot,
                [.. SandboxFailover.LauncherArguments(options), "--tls", "--vms", options.Vms.ToString(System.Globalization.CultureInfo.InvariantCulture), "--disk-size", options.DiskSize, "--disks-per-vm", options.DisksPerVm.ToString(System.Globalization.CultureInfo.InvariantCulture), "--seed", options.Seed.ToString(System.Globalization.CultureInfo.InvariantCulture)],
                cancellationToken);
            var workload = new GuestWorkload(simulator, new Random(options.Seed), options.WriteInterval, options.MaxWriteBytes);
            var environment = new SandboxEnvironment(options, server, simulator, workload, loggerFactory);
            if (options.TrackContent)
            {
                await workload.TrackContentAsync(cancellationToken);
            }

            await environment.ApplyResourcesAsync(cancellationToken);
            if (options.Executor == Api.Policies.MergeExecutor.Job)
            {
                environment.JobRunner = SandboxJobRunner.Start(options, environment.Kubernetes, loggerFactory);
            }

            return environment;
        }
        catch
        {
            if (simulator is not null)
            {
                await simulator.DisposeAsync();
            }

            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>Starts the operator (again).</summary>
    /// <param name="configureServices">Extra registrations, e.g. a different merge executor.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>A task that completes when the operator runs.</returns>
    public async Task StartOperatorAsync(Action<IServiceCollection>? configureServices, CancellationToken cancellationToken)
    {
        if (Operator is not null)
        {
            throw new InvalidOperationException("The operator is already running.");
        }

        var protection = new ProtectionOptions
        {
            RepositoryRoot = Options.DataDirectory,
            RetryDelay = TimeSpan.FromMilliseconds(500),
            PrunedImagesKept = Options.PrunedImagesKept,
            IdleRequeue = Options.IdleRequeue,
            VimTimeout = TimeSpan.FromSeconds(20),
            JobTtlAfterFinished = TimeSpan.FromMinutes(2),
        };
        var app = OperatorHost.Build(
            _kubernetes,
            protection,
            Options.MetricsPort is { } metricsPort ? $"http://127.0.0.1:{metricsPort}" : null,
            services =>
            {
                services.AddSingleton<ISnapshotFence>(Workload);
                services.AddSingleton(Memory.MemoryTrimOptions.Default with { Enabled = false });
                SandboxFailover.Configure(services);
                if (_loggerFactory is not null)
                {
                    services.AddSingleton(_loggerFactory);
                }

                configureServices?.Invoke(services);
            },
            settings =>
            {
                settings.WatchRetryBaseDelay = TimeSpan.FromMilliseconds(100);
                settings.WatchRetryMaxDelay = TimeSpan.FromSeconds(1);
                settings.ReconcileRetryBaseDelay = TimeSpan.FromMilliseconds(200);
                settings.ReconcileRetryMaxDelay = TimeSpan.FromSeconds(2);
                settings.MaxConcurrentReconciles = Options.Workers ?? settings.MaxConcurrentReconciles;
            });
        await app.StartAsync(cancellationToken);
        Operator = app;
    }

    /// <summary>Stops the operator the way a killed pod stops: in-flight work is cancelled wherever it is.</summary>
    /// <returns>A task that completes when the operator is gone.</returns>
    public async Task StopOperatorAsync()
    {
        if (Operator is { } app)
        {
            Operator = null;
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            await app.StopAsync(timeout.Token);
            await app.DisposeAsync();
        }
    }

    /// <summary>Writes a kubeconfig for kubectl.</summary>
    /// <param name="path">The file.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes when written.</returns>
    public Task WriteKubeconfigAsync(string path, CancellationToken cancellationToken) => Server.WriteKubeconfigAsync(path, cancellationToken);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await Workload.StopAsync();
        await StopOperatorAsync();
        if (JobRunner is not null)
        {
            await JobRunner.DisposeAsync();
        }

        await Workload.DisposeAsync();
        await Simulator.DisposeAsync();
        _kubernetes.Dispose();
        await Server.DisposeAsync();
    }

    private async Task ApplyResourcesAsync(CancellationToken cancellationToken)
    {
        var ns = Options.Namespace;
        await _kubernetes.CoreV1.CreateNamespacedSecretAsync(SandboxResources.Secret(Simulator.Ready, ns), ns, cancellationToken: cancellationToken);
        await Client.CreateAsync(SandboxResources.Endpoint(Simulator.Ready, ns), cancellationToken);
        await Client.CreateAsync(SandboxResources.Policy(Options), cancellationToken);
    }

    /// <summary>Creates one ProtectedVM per simulated VM.</summary>
    /// <param name="cancellationToken">Cancels the creation.</param>
    /// <returns>A task that completes when created.</returns>
    public async Task ProtectAllAsync(CancellationToken cancellationToken)
    {
        foreach (var vm in Simulator.Ready.Vms)
        {
            await Client.CreateAsync(SandboxResources.ProtectedVm(vm, Options.Namespace), cancellationToken);
        }
    }
}
