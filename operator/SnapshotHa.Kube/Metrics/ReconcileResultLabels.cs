namespace SnapshotHa.Kube.Metrics;

/// <summary>Values of the <c>result</c> label of <c>snapshotha_controller_reconcile_total</c> (controller-runtime's).</summary>
public static class ReconcileResultLabels
{
    /// <summary>Succeeded without a requeue.</summary>
    public const string Success = "success";

    /// <summary>Failed; retried with back-off.</summary>
    public const string Error = "error";

    /// <summary>Requeued at once (a conflict on our own write).</summary>
    public const string Requeue = "requeue";

    /// <summary>Succeeded with a requested delay before the next reconciliation.</summary>
    public const string RequeueAfter = "requeue_after";
}
