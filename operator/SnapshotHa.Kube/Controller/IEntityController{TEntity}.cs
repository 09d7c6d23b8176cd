using k8s;
using k8s.Models;
using SnapshotHa.Kube.Reconciliation;

namespace SnapshotHa.Kube.Controller;

/// <summary>
/// Reconciles one kind of entity. Implementations are resolved from a fresh dependency-injection scope for every
/// reconciliation, run at most once at a time per entity key and must be idempotent: the runtime is level-based and
/// may call them again for a state they have already handled.
/// </summary>
/// <typeparam name="TEntity">The entity kind the controller reconciles.</typeparam>
public interface IEntityController<TEntity>
    where TEntity : IKubernetesObject<V1ObjectMeta>
{
    /// <summary>
    /// Drives the world towards the entity's desired state after it was added or modified. The entity passed is
    /// freshly read from the API server and carries every finalizer registered for its kind.
    /// </summary>
    /// <param name="entity">The current entity.</param>
    /// <param name="cancellationToken">Cancelled when the operator stops or loses leadership.</param>
    /// <returns>
    /// A success (optionally with <see cref="ReconciliationResult{TEntity}.RequeueAfter"/>) or a failure, which the
    /// runtime retries with per-key exponential back-off. A thrown exception counts as a failure.
    /// </returns>
    Task<ReconciliationResult<TEntity>> ReconcileAsync(TEntity entity, CancellationToken cancellationToken);

    /// <summary>
    /// Reacts to the entity having disappeared from the API server. Called at most once per observed deletion with
    /// the last state the runtime saw; the entity can no longer be written.
    /// </summary>
    /// <param name="entity">The last-seen state of the deleted entity.</param>
    /// <param name="cancellationToken">Cancelled when the operator stops or loses leadership.</param>
    /// <returns>A success, or a failure that is retried with back-off.</returns>
    Task<ReconciliationResult<TEntity>> DeletedAsync(TEntity entity, CancellationToken cancellationToken);
}
