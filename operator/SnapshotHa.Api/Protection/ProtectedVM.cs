using k8s.Models;
using SnapshotHa.Api.Common;
using SnapshotHa.Kube.Entities;
using SnapshotHa.Kube.Entities.Attributes;

namespace SnapshotHa.Api.Protection;

/// <summary>A vSphere VM protected by continuous snapshot shipping and merging.</summary>
[KubernetesEntity(Group = ApiGroup.Group, ApiVersion = ApiGroup.Version, Kind = KubeKind, PluralName = "protectedvms")]
[KubernetesEntityShortNames("pvm")]
[EntityCategories(ApiGroup.Category)]
[Description("ProtectedVM puts one vSphere virtual machine under protection: its disks are seeded into a repository, then each policy tick a snapshot's frozen delta is shipped and merged into a new committed RecoveryImage, and the VM can be failed over from the latest one.")]
[GenericAdditionalPrinterColumn(".status.vm.name", "VM", "string", Order = 2, Description = "The protected VM as vSphere names it (after a failover, the recovered VM).")]
[GenericAdditionalPrinterColumn(".status.vm.host", "Host", "string", Order = 3, Priority = PrinterColumnPriority.WideView, Description = "The ESXi host running the VM.")]
[GenericAdditionalPrinterColumn(".status.latestCommittedImage.pointInTime", "Recovery Point", "date", Order = 4, Description = "How long ago the latest committed image's point in time was: the current RPO.")]
[GenericAdditionalPrinterColumn(".status.latestCommittedImage.name", "Latest Image", "string", Order = 5, Description = "The newest committed RecoveryImage.")]
[GenericAdditionalPrinterColumn(".status.lastSnapshot.createdTime", "Last Snapshot", "date", Order = 6, Priority = PrinterColumnPriority.WideView, Description = "When the last snapshot was taken.")]
[GenericAdditionalPrinterColumn(".metadata.creationTimestamp", "Age", "date", Order = 100)]
public sealed class ProtectedVM : CustomKubernetesEntity<ProtectedVMSpec, ProtectedVMStatus>
{
    /// <summary>The kind.</summary>
    public const string KubeKind = "ProtectedVM";

    /// <summary>Creates a protected VM with apiVersion and kind set.</summary>
    public ProtectedVM()
    {
        ApiVersion = ApiGroup.ApiVersion;
        Kind = KubeKind;
    }
}
