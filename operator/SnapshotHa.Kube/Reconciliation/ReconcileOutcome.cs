namespace SnapshotHa.Kube.Reconciliation;

/// <summary>The result of one pass of the reconcile pipeline for a key.</summary>
/// <param name="Kind">What to do with the key next.</param>
/// <param name="Delay">The requested delay, for <see cref="ReconcileOutcomeKind.RequeueAfter"/> and failures.</param>
/// <param name="Error">The failure, if any.</param>
public sealed record ReconcileOutcome(ReconcileOutcomeKind Kind, TimeSpan? Delay = null, Exception? Error = null)
{
    /// <summary>A success without requeue.</summary>
    public static ReconcileOutcome Success { get; } = new(ReconcileOutcomeKind.Success);

    /// <summary>Maps a controller or finalizer result onto an outcome.</summary>
    /// <typeparam name="TEntity">The entity kind.</typeparam>
    /// <param name="result">The result.</param>
    /// <returns>The outcome.</returns>
    public static ReconcileOutcome From<TEntity>(ReconciliationResult<TEntity> result)
        where TEntity : k8s.IKubernetesObject<k8s.Models.V1ObjectMeta>
    {
        ArgumentNullException.ThrowIfNull(result);
        if (result.IsFailure)
        {
            return new ReconcileOutcome(
                ReconcileOutcomeKind.Failure,
                result.RequeueAfter,
                result.Error ?? new InvalidOperationException(result.ErrorMessage));
        }

        return result.RequeueAfter is { } delay
            ? new ReconcileOutcome(ReconcileOutcomeKind.RequeueAfter, delay)
            : Success;
    }
}
