using k8s;
using k8s.Models;
using Microsoft.Extensions.DependencyInjection;
using SnapshotHa.Kube.Controller;
using SnapshotHa.Kube.Finalizer;

namespace SnapshotHa.Kube.Hosting;

/// <summary>Registers controllers and finalizers (KubeOps' <c>IOperatorBuilder</c>).</summary>
public interface IOperatorBuilder
{
    /// <summary>The service collection.</summary>
    IServiceCollection Services { get; }

    /// <summary>The operator settings.</summary>
    OperatorSettings Settings { get; }

    /// <summary>
    /// Adds the controller of <typeparamref name="TEntity"/>: a watcher, a work queue and workers that call it. One
    /// controller per kind; the implementation is resolved from a fresh scope per reconciliation.
    /// </summary>
    /// <typeparam name="TImplementation">The controller.</typeparam>
    /// <typeparam name="TEntity">The entity kind, carrying <see cref="KubernetesEntityAttribute"/>.</typeparam>
    /// <returns>The builder.</returns>
    /// <exception cref="InvalidOperationException">A controller for the kind is already registered, or the kind has no attribute.</exception>
    IOperatorBuilder AddController<TImplementation, TEntity>()
        where TImplementation : class, IEntityController<TEntity>
        where TEntity : IKubernetesObject<V1ObjectMeta>;

    /// <summary>
    /// Adds a finalizer of <typeparamref name="TEntity"/> under <paramref name="identifier"/>: attached to every
    /// entity of the kind before reconciliation, run when the entity is deleted, removed after success.
    /// </summary>
    /// <typeparam name="TImplementation">The finalizer.</typeparam>
    /// <typeparam name="TEntity">The entity kind.</typeparam>
    /// <param name="identifier">The finalizer name, a qualified name such as <c>snapshotha.io/snapshots</c> (at most 63 characters after the slash).</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentException">The identifier is empty or not a qualified name.</exception>
    IOperatorBuilder AddFinalizer<TImplementation, TEntity>(string identifier)
        where TImplementation : class, IEntityFinalizer<TEntity>
        where TEntity : IKubernetesObject<V1ObjectMeta>;
}
