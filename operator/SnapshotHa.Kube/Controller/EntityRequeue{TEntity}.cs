using k8s;
using k8s.Models;

namespace SnapshotHa.Kube.Controller;

/// <summary>
/// Asks the controller of <typeparamref name="TEntity"/> to reconcile the entity after <paramref name="requeueIn"/>
/// (KubeOps' <c>EntityRequeue&lt;TEntity&gt;</c>); resolve it from dependency injection. An earlier due time already
/// queued for the entity wins.
/// </summary>
/// <typeparam name="TEntity">The entity kind.</typeparam>
/// <param name="entity">The entity (its namespace and name are used).</param>
/// <param name="requeueIn">The delay; zero or less queues at once.</param>
public delegate void EntityRequeue<TEntity>(TEntity entity, TimeSpan requeueIn)
    where TEntity : IKubernetesObject<V1ObjectMeta>;
