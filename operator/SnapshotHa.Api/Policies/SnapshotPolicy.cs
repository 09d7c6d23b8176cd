using k8s.Models;
using SnapshotHa.Api.Common;
using SnapshotHa.Kube.Entities;
using SnapshotHa.Kube.Entities.Attributes;

namespace SnapshotHa.Api.Policies;

/// <summary>When to snapshot, how to keep images, and how to fail over; shared by ProtectedVMs.</summary>
[KubernetesEntity(Group = ApiGroup.Group, ApiVersion = ApiGroup.Version, Kind = KubeKind, PluralName = "snapshotpolicies")]
[KubernetesEntityShortNames("sp")]
[EntityCategories(ApiGroup.Category)]
[Description("SnapshotPolicy says when protected VMs are snapshotted (fixed interval, delta-size threshold or adaptive to an overhead budget), how committed images are merged, kept and replicated, and how failover behaves.")]
[GenericAdditionalPrinterColumn(".metadata.creationTimestamp", "Age", "date", Order = 100)]
public sealed class SnapshotPolicy : CustomKubernetesEntity<SnapshotPolicySpec, SnapshotPolicyStatus>
{
    /// <summary>The kind.</summary>
    public const string KubeKind = "SnapshotPolicy";

    /// <summary>Creates a policy with apiVersion and kind set.</summary>
    public SnapshotPolicy()
    {
        ApiVersion = ApiGroup.ApiVersion;
        Kind = KubeKind;
    }
}
