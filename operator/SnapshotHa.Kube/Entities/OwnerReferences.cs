using k8s;
using k8s.Models;

namespace SnapshotHa.Kube.Entities;

/// <summary>Builds owner references, so that garbage collection deletes dependents with their owner.</summary>
public static class OwnerReferences
{
    /// <summary>A reference to <paramref name="owner"/> as the controlling owner (the one that manages the dependent).</summary>
    /// <param name="owner">The owner; its apiVersion, kind, name and uid must be set (a stored object).</param>
    /// <returns>The reference with controller and blockOwnerDeletion set.</returns>
    public static V1OwnerReference ControllerOf(IKubernetesObject<V1ObjectMeta> owner) => To(owner, controller: true);

    /// <summary>A reference to <paramref name="owner"/>.</summary>
    /// <param name="owner">The owner; its apiVersion, kind, name and uid must be set (a stored object).</param>
    /// <param name="controller">True when the owner manages the dependent (at most one controller per object).</param>
    /// <returns>The reference; blockOwnerDeletion is set together with controller.</returns>
    public static V1OwnerReference To(IKubernetesObject<V1ObjectMeta> owner, bool controller)
    {
        ArgumentNullException.ThrowIfNull(owner);
        return new V1OwnerReference
        {
            ApiVersion = owner.ApiVersion,
            Kind = owner.Kind,
            Name = owner.Metadata.Name,
            Uid = owner.Metadata.Uid,
            Controller = controller ? true : null,
            BlockOwnerDeletion = controller ? true : null,
        };
    }
}
