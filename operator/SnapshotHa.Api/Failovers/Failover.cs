using k8s.Models;
using SnapshotHa.Api.Common;
using SnapshotHa.Kube.Entities;
using SnapshotHa.Kube.Entities.Attributes;

namespace SnapshotHa.Api.Failovers;

/// <summary>One failover of a protected VM, and its audit record.</summary>
[KubernetesEntity(Group = ApiGroup.Group, ApiVersion = ApiGroup.Version, Kind = KubeKind, PluralName = "failovers")]
[KubernetesEntityShortNames("fo")]
[EntityCategories(ApiGroup.Category)]
[Description("Failover brings a protected VM back from a committed RecoveryImage (or activates a standby). Applied by a person or created by the operator when it detects a failure, so every failover leaves an audit record.")]
[GenericAdditionalPrinterColumn(".spec.protectedVMRef.name", "VM", "string", Order = 1, Description = "The protected VM.")]
[GenericAdditionalPrinterColumn(".status.image.name", "Image", "string", Order = 4, Description = "The image restored.")]
[GenericAdditionalPrinterColumn(".metadata.creationTimestamp", "Age", "date", Order = 100)]
public sealed class Failover : CustomKubernetesEntity<FailoverSpec, FailoverStatus>
{
    /// <summary>The kind.</summary>
    public const string KubeKind = "Failover";

    /// <summary>Creates a failover with apiVersion and kind set.</summary>
    public Failover()
    {
        ApiVersion = ApiGroup.ApiVersion;
        Kind = KubeKind;
    }
}
