using k8s.Models;
using SnapshotHa.Api.Common;
using SnapshotHa.Kube.Entities;
using SnapshotHa.Kube.Entities.Attributes;

namespace SnapshotHa.Api.Endpoints;

/// <summary>A vCenter Server or standalone ESXi host the operator connects to, with its heartbeat settings.</summary>
[KubernetesEntity(Group = ApiGroup.Group, ApiVersion = ApiGroup.Version, Kind = KubeKind, PluralName = "vsphereendpoints")]
[KubernetesEntityShortNames("vsep")]
[EntityCategories(ApiGroup.Category)]
[Description("VSphereEndpoint is a vCenter Server or standalone ESXi host SnapshotHA connects to: one vim25 session, and one heartbeat loop per ESXi host behind it.")]
[GenericAdditionalPrinterColumn(".spec.url", "URL", "string", Order = 1, Description = "The vim25 SDK URL.")]
[GenericAdditionalPrinterColumn(".status.conditions[?(@.type==\"Connected\")].status", "Connected", "string", Order = 2, Description = "Whether a vim25 session is established.")]
[GenericAdditionalPrinterColumn(".status.conditions[?(@.type==\"HeartbeatHealthy\")].status", "Heartbeat", "string", Order = 3, Description = "Whether every host answers heartbeats.")]
[GenericAdditionalPrinterColumn(".status.product", "Product", "string", Order = 4, Priority = PrinterColumnPriority.WideView, Description = "Product name and version the endpoint reports.")]
[GenericAdditionalPrinterColumn(".metadata.creationTimestamp", "Age", "date", Order = 100)]
public sealed class VSphereEndpoint : CustomKubernetesEntity<VSphereEndpointSpec, VSphereEndpointStatus>
{
    /// <summary>The kind.</summary>
    public const string KubeKind = "VSphereEndpoint";

    /// <summary>Creates an endpoint with apiVersion and kind set.</summary>
    public VSphereEndpoint()
    {
        ApiVersion = ApiGroup.ApiVersion;
        Kind = KubeKind;
    }
}
