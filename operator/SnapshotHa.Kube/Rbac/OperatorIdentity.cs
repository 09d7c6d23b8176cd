namespace SnapshotHa.Kube.Rbac;

/// <summary>The names under which the operator runs: its namespace, service account and roles.</summary>
/// <param name="Namespace">The namespace of the operator Deployment.</param>
/// <param name="ServiceAccount">The service account of the operator pods.</param>
/// <param name="ClusterRole">The cluster role holding the operator's permissions (and its binding's name).</param>
/// <param name="LeaderElectionRole">The namespaced role for the leader-election Lease (and its binding's name).</param>
public sealed record OperatorIdentity(string Namespace, string ServiceAccount, string ClusterRole, string LeaderElectionRole)
{
    /// <summary>The names the repository's kustomize and Helm manifests use.</summary>
    public static OperatorIdentity Default { get; } = new("snapshotha-system", "snapshotha-operator", "snapshotha-operator", "snapshotha-leader-election");
}
