namespace SnapshotHa.Kube.Entities;

/// <summary>Whether a custom resource lives in a namespace or at cluster level.</summary>
public enum EntityScope
{
    /// <summary>The resource lives in a namespace.</summary>
    Namespaced,

    /// <summary>The resource lives at cluster level.</summary>
    Cluster,
}
