namespace SnapshotHa.Kube.Hosting;

/// <summary>How operator instances coordinate (KubeOps' <c>LeaderElectionType</c>).</summary>
public enum LeaderElectionType
{
    /// <summary>No election: every instance watches and reconciles.</summary>
    None,

    /// <summary>One leader at a time, elected on a coordination.k8s.io Lease.</summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1720:Identifier contains type name", Justification = "KubeOps' name.")]
    Single,
}
