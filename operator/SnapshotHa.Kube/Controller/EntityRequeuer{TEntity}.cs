using k8s;
using k8s.Models;
using SnapshotHa.Kube.Client;
using SnapshotHa.Kube.Queue;

namespace SnapshotHa.Kube.Controller;

/// <summary>
/// Lets other parts of the operator queue entities of <typeparamref name="TEntity"/> for reconciliation (what
/// controller-runtime does with <c>Watches(…, EnqueueRequestsFromMapFunc)</c>): a change of a Failover or a
/// SnapshotPolicy wakes the ProtectedVMs it concerns instead of waiting for their next periodic requeue. Requests
/// while the controller does not run (not the leader, stopping) are dropped: a controller that starts lists and
/// reconciles everything anyway.
/// </summary>
/// <typeparam name="TEntity">The entity kind.</typeparam>
public sealed class EntityRequeuer<TEntity>
    where TEntity : IKubernetesObject<V1ObjectMeta>
{
    private WorkQueue<string>? _queue;

    /// <summary>Queues the entity <paramref name="namespace"/>/<paramref name="name"/> after <paramref name="delay"/>.</summary>
    /// <param name="namespace">The namespace, or null for a cluster-scoped entity.</param>
    /// <param name="name">The name.</param>
    /// <param name="delay">The delay; zero or less queues at once. An earlier due time already queued wins.</param>
    /// <returns>True when the controller runs and took the request.</returns>
    public bool Requeue(string? @namespace, string name, TimeSpan delay = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (Volatile.Read(ref _queue) is not { } queue)
        {
            return false;
        }

        queue.AddAfter(EntityKey.For(@namespace, name), delay);
        return true;
    }

    /// <summary>Queues <paramref name="entity"/> after <paramref name="delay"/>.</summary>
    /// <param name="entity">The entity (its namespace and name are used).</param>
    /// <param name="delay">The delay; zero or less queues at once.</param>
    /// <returns>True when the controller runs and took the request.</returns>
    public bool Requeue(TEntity entity, TimeSpan delay = default)
    {
        ArgumentNullException.ThrowIfNull(entity);
        return Requeue(entity.Metadata.NamespaceProperty, entity.Metadata.Name, delay);
    }

    /// <summary>Connects the requeuer to the running controller's queue, or disconnects it (null).</summary>
    /// <param name="queue">The queue of the controller run, or null when it stops.</param>
    internal void Attach(WorkQueue<string>? queue) => Volatile.Write(ref _queue, queue);
}
