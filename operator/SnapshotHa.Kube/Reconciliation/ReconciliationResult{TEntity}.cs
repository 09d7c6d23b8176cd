using System.Diagnostics.CodeAnalysis;
using k8s;
using k8s.Models;

namespace SnapshotHa.Kube.Reconciliation;

/// <summary>
/// The outcome of a controller or finalizer call: success or failure, the entity as left by the call, and an
/// optional delay after which the runtime reconciles the entity again.
/// </summary>
/// <typeparam name="TEntity">The entity kind.</typeparam>
[SuppressMessage("Design", "CA1000:Do not declare static members on generic types", Justification = "Factory shape of KubeOps' ReconciliationResult.")]
public sealed record ReconciliationResult<TEntity>
    where TEntity : IKubernetesObject<V1ObjectMeta>
{
    private ReconciliationResult(TEntity entity, bool isSuccess, string? errorMessage, Exception? error, TimeSpan? requeueAfter)
    {
        Entity = entity;
        IsSuccess = isSuccess;
        ErrorMessage = errorMessage;
        Error = error;
        RequeueAfter = requeueAfter;
    }

    /// <summary>The entity as left by the operation.</summary>
    public TEntity Entity { get; }

    /// <summary>Whether the operation succeeded; when false, <see cref="ErrorMessage"/> is set.</summary>
    [MemberNotNullWhen(false, nameof(ErrorMessage))]
    public bool IsSuccess { get; }

    /// <summary>Whether the operation failed; when true, <see cref="ErrorMessage"/> is set.</summary>
    [MemberNotNullWhen(true, nameof(ErrorMessage))]
    public bool IsFailure => !IsSuccess;

    /// <summary>What went wrong, for failures.</summary>
    public string? ErrorMessage { get; }

    /// <summary>The exception behind a failure, when there is one.</summary>
    public Exception? Error { get; }

    /// <summary>
    /// Reconcile the entity again after this delay. For a failure it replaces the per-key exponential back-off. A
    /// success with <see cref="TimeSpan.Zero"/> continues multi-step work: the entity is reconciled again right away,
    /// ahead of the other queued entities.
    /// </summary>
    public TimeSpan? RequeueAfter { get; set; }

    /// <summary>Creates a successful result.</summary>
    /// <param name="entity">The entity as left by the operation.</param>
    /// <param name="requeueAfter">An optional delay before the next reconciliation.</param>
    /// <returns>The result.</returns>
    public static ReconciliationResult<TEntity> Success(TEntity entity, TimeSpan? requeueAfter = null)
        => new(entity, true, null, null, requeueAfter);

    /// <summary>Creates a failed result, retried by the runtime.</summary>
    /// <param name="entity">The entity as left by the operation.</param>
    /// <param name="errorMessage">What went wrong.</param>
    /// <param name="error">The exception behind the failure, if any.</param>
    /// <param name="requeueAfter">An optional delay replacing the exponential back-off.</param>
    /// <returns>The result.</returns>
    public static ReconciliationResult<TEntity> Failure(
        TEntity entity, string errorMessage, Exception? error = null, TimeSpan? requeueAfter = null)
        => new(entity, false, errorMessage, error, requeueAfter);
}
