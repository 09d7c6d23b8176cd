using System.Text.RegularExpressions;
using k8s;
using k8s.Models;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using SnapshotHa.Kube.Client;
using SnapshotHa.Kube.Controller;
using SnapshotHa.Kube.Finalizer;
using SnapshotHa.Kube.Reconciliation;
using SnapshotHa.Kube.Watching;

namespace SnapshotHa.Kube.Hosting;

/// <summary>The <see cref="IOperatorBuilder"/> returned by <c>AddKubernetesOperator</c>.</summary>
/// <param name="services">The service collection.</param>
/// <param name="settings">The operator settings.</param>
public sealed partial class OperatorBuilder(IServiceCollection services, OperatorSettings settings) : IOperatorBuilder
{
    /// <inheritdoc />
    public IServiceCollection Services { get; } = services;

    /// <inheritdoc />
    public OperatorSettings Settings { get; } = settings;

    /// <inheritdoc />
    public IOperatorBuilder AddController<TImplementation, TEntity>()
        where TImplementation : class, IEntityController<TEntity>
        where TEntity : IKubernetesObject<V1ObjectMeta>
    {
        _ = EntityMetadata.For<TEntity>();
        if (Services.Any(d => d.ServiceType == typeof(IEntityController<TEntity>)))
        {
            throw new InvalidOperationException(
                $"A controller for {typeof(TEntity).Name} is already registered; use one controller per kind.");
        }

        Services.AddScoped<IEntityController<TEntity>, TImplementation>();
        AddEntityRuntime<TEntity>();
        Services.AddSingleton<IControllerRuntime>(sp => sp.GetRequiredService<ControllerRuntime<TEntity>>());
        return this;
    }

    /// <inheritdoc />
    public IOperatorBuilder AddFinalizer<TImplementation, TEntity>(string identifier)
        where TImplementation : class, IEntityFinalizer<TEntity>
        where TEntity : IKubernetesObject<V1ObjectMeta>
    {
        if (string.IsNullOrEmpty(identifier) || !QualifiedName().IsMatch(identifier))
        {
            throw new ArgumentException(
                $"Finalizer identifier '{identifier}' must be a qualified name such as 'example.com/cleanup'.",
                nameof(identifier));
        }

        Services.AddKeyedTransient<IEntityFinalizer<TEntity>, TImplementation>(identifier);
        Services.AddSingleton(new FinalizerRegistration<TEntity>(identifier));
        return this;
    }

    private void AddEntityRuntime<TEntity>()
        where TEntity : IKubernetesObject<V1ObjectMeta>
    {
        Services.TryAddSingleton<EntityCache<TEntity>>();
        Services.TryAddSingleton<CachedEntityReader<TEntity>>();
        Services.TryAddSingleton<ResourceWatcher<TEntity>>();
        Services.TryAddSingleton<EntityReconciler<TEntity>>();
        Services.TryAddSingleton<ControllerRuntime<TEntity>>();
        Services.TryAddSingleton<EntityRequeuer<TEntity>>();
        Services.TryAddSingleton<EntityRequeue<TEntity>>(sp =>
        {
            var requeuer = sp.GetRequiredService<EntityRequeuer<TEntity>>();
            return (entity, requeueIn) => requeuer.Requeue(entity, requeueIn);
        });
    }

    // A DNS-1123 subdomain prefix, a slash, and a name of at most 63 characters (metadata.finalizers rules).
    [GeneratedRegex(@"^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$")]
    private static partial Regex QualifiedName();
}
