using k8s;
using k8s.Models;
using SnapshotHa.Kube.Reconciliation;

namespace SnapshotHa.Kube.Finalizer;

/// <summary>
/// Cleans up external state before an entity is removed. Registered with
/// <c>IOperatorBuilder.AddFinalizer&lt;TImplementation, TEntity&gt;(identifier)</c>; the runtime attaches the
/// identifier to every entity of the kind and removes it (with a resourceVersion-checked write) only after
/// <see cref="FinalizeAsync"/> succeeded.
/// </summary>
/// <typeparam name="TEntity">The entity kind the finalizer handles.</typeparam>
public interface IEntityFinalizer<TEntity>
    where TEntity : IKubernetesObject<V1ObjectMeta>
{
    /// <summary>
    /// Releases what the entity holds outside the API server. Must be idempotent: it runs again when the finalizer
    /// removal conflicts or the operator restarts in between.
    /// </summary>
    /// <param name="entity">The entity being deleted (its deletionTimestamp is set).</param>
    /// <param name="cancellationToken">Cancelled when the operator stops or loses leadership.</param>
    /// <returns>A success to let the deletion proceed, or a failure to keep the finalizer and retry.</returns>
    Task<ReconciliationResult<TEntity>> FinalizeAsync(TEntity entity, CancellationToken cancellationToken);
}
