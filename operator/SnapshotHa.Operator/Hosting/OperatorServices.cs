using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using SnapshotHa.Api.Endpoints;
using SnapshotHa.Api.Images;
using SnapshotHa.Api.Policies;
using SnapshotHa.Api.Protection;
using SnapshotHa.Kube.Hosting;
using SnapshotHa.Api.Failovers;
using SnapshotHa.Operator.Controllers.Endpoints;
using SnapshotHa.Operator.Controllers.Failovers;
using SnapshotHa.Operator.Controllers.Images;
using SnapshotHa.Operator.Controllers.Policies;
using SnapshotHa.Operator.Controllers.Protection;
using SnapshotHa.Operator.Merging;
using SnapshotHa.Operator.Telemetry;

namespace SnapshotHa.Operator.Hosting;

/// <summary>Registers the SnapshotHA controllers on the controller runtime.</summary>
public static class OperatorServices
{
    /// <summary>
    /// Adds the runtime, the four controllers, the ProtectedVM finalizer, the shared vim25 sessions, the heartbeat
    /// loops and the merge executor. Register an <c>IKubernetes</c> singleton first to target a specific API server.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="options">Protection settings.</param>
    /// <param name="configure">Adjusts the runtime settings.</param>
    /// <returns>The operator builder.</returns>
    public static IOperatorBuilder AddSnapshotHaOperator(
        this IServiceCollection services, ProtectionOptions options, Action<OperatorSettings>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        services.AddSingleton(options);
        services.TryAddSingleton<ISnapshotFence, NoSnapshotFence>();
        services.TryAddSingleton<RepositoryWriters>();
        services.TryAddSingleton<InProcessMergeExecutor>();
        services.TryAddSingleton<JobMergeExecutor>();
        services.TryAddSingleton<IMergeExecutor, MergeExecutorSelector>();
        services.AddSingleton<EndpointCredentials>();
        services.AddSingleton<EndpointConnections>();
        services.AddSingleton<HeartbeatMonitor>();
        services.AddSingleton<ProtectionContextResolver>();
        services.AddSingleton<CreateSnapshotStep>();
        services.AddSingleton<ShipAndMergeStep>();
        services.AddSingleton<RemovePreviousSnapshotsStep>();
        services.AddSingleton<PruneStep>();
        services.AddSingleton<LostSnapshotRestart>();
        services.AddSingleton<HostTaskSlots>();
        services.AddSingleton<RepositoryMaintenance>();
        services.AddSingleton<DeltaPoller>();
        services.AddHostedService(sp => sp.GetRequiredService<DeltaPoller>());
        services.TryAddSingleton(Memory.MemoryTrimOptions.Default);
        services.TryAddSingleton<Memory.IGcControl, Memory.RuntimeGcControl>();
        services.AddHostedService<Memory.MemoryTrim>();
        services.AddSingleton<SecondaryRepositoryTargets>();
        services.AddSingleton<ImageReplication>();
        services.AddProtectionTelemetry();
        FailoverServices.Add(services);
        return services
            .AddKubernetesOperator(settings =>
            {
                settings.Name = "snapshotha";
                settings.MaxConcurrentReconciles = 4;
                configure?.Invoke(settings);
            })
            .AddController<VSphereEndpointController, VSphereEndpoint>()
            .AddController<SnapshotPolicyController, SnapshotPolicy>()
            .AddController<ProtectedVMController, ProtectedVM>()
            .AddController<RecoveryImageController, RecoveryImage>()
            .AddController<FailoverController, Failover>()
            .AddFinalizer<ProtectedVMFinalizer, ProtectedVM>(ProtectedVMFinalizer.Identifier)
            .AddFinalizer<FailoverFinalizer, Failover>(FailoverFinalizer.Identifier);
    }
}
