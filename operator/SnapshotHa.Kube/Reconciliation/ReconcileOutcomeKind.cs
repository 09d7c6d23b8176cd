namespace SnapshotHa.Kube.Reconciliation;

/// <summary>What the work queue does with a key after one pass of the pipeline.</summary>
public enum ReconcileOutcomeKind
{
    /// <summary>Done; reset the key's back-off.</summary>
    Success,

    /// <summary>Done; reconcile again after the requested delay.</summary>
    RequeueAfter,

    /// <summary>Our own write hit a stale resourceVersion (409): reconcile again now with a fresh read.</summary>
    Conflict,

    /// <summary>Failed; retry with back-off (or after the requested delay).</summary>
    Failure,
}
