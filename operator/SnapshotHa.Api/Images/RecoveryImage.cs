using k8s.Models;
using SnapshotHa.Api.Common;
using SnapshotHa.Kube.Entities;
using SnapshotHa.Kube.Entities.Attributes;

namespace SnapshotHa.Api.Images;

/// <summary>One committed (or in-progress) restore point of a protected VM.</summary>
[KubernetesEntity(Group = ApiGroup.Group, ApiVersion = ApiGroup.Version, Kind = KubeKind, PluralName = "recoveryimages")]
[KubernetesEntityShortNames("ri")]
[EntityCategories(ApiGroup.Category)]
[Description("RecoveryImage is one restore point of a protected VM: the previous image with one snapshot's delta merged in, stored as a manifest of content-addressed chunks. Created by the operator; its spec is immutable.")]
[GenericAdditionalPrinterColumn(".spec.protectedVMRef.name", "VM", "string", Order = 1, Description = "The protected VM.")]
[GenericAdditionalPrinterColumn(".metadata.creationTimestamp", "Age", "date", Order = 100)]
public sealed class RecoveryImage : CustomKubernetesEntity<RecoveryImageSpec, RecoveryImageStatus>
{
    /// <summary>The kind.</summary>
    public const string KubeKind = "RecoveryImage";

    /// <summary>Creates an image with apiVersion and kind set.</summary>
    public RecoveryImage()
    {
        ApiVersion = ApiGroup.ApiVersion;
        Kind = KubeKind;
    }
}
