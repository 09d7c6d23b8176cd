namespace SnapshotHa.Kube.Entities;

/// <summary>When <c>kubectl get</c> shows a printer column.</summary>
public enum PrinterColumnPriority
{
    /// <summary>Always shown (priority 0).</summary>
    Standard = 0,

    /// <summary>Shown only with <c>-o wide</c> (priority 1).</summary>
    WideView = 1,
}
