using k8s;
using k8s.Models;

namespace SnapshotHa.Kube.Entities;

/// <summary>
/// Base type of a custom resource with a spec and a status, shaped like KubeOps' entity base class.
/// Kind, group, version and plural come from <see cref="KubernetesEntityAttribute"/> on the derived type.
/// </summary>
/// <typeparam name="TSpec">The desired state, written by users.</typeparam>
/// <typeparam name="TStatus">The observed state, written by the operator through the status subresource.</typeparam>
public abstract class CustomKubernetesEntity<TSpec, TStatus> : KubernetesObject, IKubernetesObject<V1ObjectMeta>, ISpec<TSpec>, IStatus<TStatus>
    where TSpec : new()
    where TStatus : new()
{
    /// <summary>Standard object metadata (name, namespace, labels, annotations, generation, finalizers).</summary>
    public V1ObjectMeta Metadata { get; set; } = new();

    /// <summary>The desired state.</summary>
    public TSpec Spec { get; set; } = new();

    /// <summary>The observed state; empty until the operator first reports.</summary>
    public TStatus Status { get; set; } = new();
}
