using k8s;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using SnapshotHa.Kube.Client;
using SnapshotHa.Kube.Events;
using SnapshotHa.Kube.Health;
using SnapshotHa.Kube.LeaderElection;
using SnapshotHa.Kube.Metrics;
using SnapshotHa.Kube.Status;

namespace SnapshotHa.Kube.Hosting;

/// <summary>Adds the operator runtime to a service collection (KubeOps' <c>AddKubernetesOperator</c>).</summary>
public static class ServiceCollectionExtensions
{
    /// <summary>
    /// Adds the runtime: the hosted service running the controllers (under leader election when configured), the
    /// client, status writer, <see cref="EventPublisher"/>, metrics and the <c>/healthz</c> and <c>/readyz</c> health
    /// checks. Uses a registered <see cref="IKubernetes"/> and <see cref="TimeProvider"/> when present, else the
    /// default kubeconfig / in-cluster configuration and the system clock.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Adjusts the settings.</param>
    /// <returns>The builder to add controllers and finalizers with.</returns>
    /// <exception cref="ArgumentException">A setting is out of range.</exception>
    public static IOperatorBuilder AddKubernetesOperator(
        this IServiceCollection services, Action<OperatorSettings>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var settings = new OperatorSettings();
        configure?.Invoke(settings);
        settings.Validate();

        services.AddSingleton(settings);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IKubernetes>(_ => new Kubernetes(KubernetesClientConfiguration.BuildDefaultConfig()));
        services.TryAddSingleton<IKubernetesClient, KubernetesClient>();
        services.TryAddSingleton<EntityStatusWriter>();
        services.TryAddSingleton<ControllerMetrics>();
        services.TryAddSingleton<WatchHealthRegistry>();
        services.TryAddSingleton<LeadershipState>();
        services.TryAddSingleton<LeaderElectionRunner>();
        services.TryAddSingleton<IEventPublisherFactory, KubernetesEventPublisherFactory>();
        services.TryAddTransient(sp => sp.GetRequiredService<IEventPublisherFactory>().Create());
        services.AddHostedService<OperatorBackgroundService>();
        services.AddHealthChecks()
            .AddCheck<WatchLivenessHealthCheck>("watches", tags: [WatchLivenessHealthCheck.Tag])
            .AddCheck<InitialListReadinessHealthCheck>("initial-lists", tags: [InitialListReadinessHealthCheck.Tag]);
        return new OperatorBuilder(services, settings);
    }
}
