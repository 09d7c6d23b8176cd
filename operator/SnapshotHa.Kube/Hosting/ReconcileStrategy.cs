namespace SnapshotHa.Kube.Hosting;

/// <summary>Which watch events trigger a reconciliation (KubeOps' <c>ReconcileStrategy</c>).</summary>
public enum ReconcileStrategy
{
    /// <summary>
    /// Additions, deletions, deletion requests and changes of metadata.generation (spec changes); status, label and
    /// annotation writes are skipped.
    /// </summary>
    ByGeneration,

    /// <summary>Every change of metadata.resourceVersion.</summary>
    ByResourceVersion,
}
