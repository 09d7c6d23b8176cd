namespace SnapshotHa.Kube.Events;

/// <summary>The type of a Kubernetes event.</summary>
public enum EventType
{
    /// <summary>Something expected happened.</summary>
    Normal,

    /// <summary>Something needs attention.</summary>
    Warning,
}
