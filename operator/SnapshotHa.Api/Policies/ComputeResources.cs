using k8s.Models;
using SnapshotHa.Kube.Entities.Attributes;

namespace SnapshotHa.Api.Policies;

/// <summary>Container resource requests and limits.</summary>
[Description("Container resource requests and limits, as in a Pod spec.")]
public sealed record ComputeResources
{
    /// <summary>Requested resources.</summary>
    [Description("Minimum resources the container needs, for example cpu: 500m, memory: 512Mi.")]
    public IDictionary<string, ResourceQuantity>? Requests { get; set; }

    /// <summary>Resource limits.</summary>
    [Description("Maximum resources the container may use, for example memory: 1Gi.")]
    public IDictionary<string, ResourceQuantity>? Limits { get; set; }
}
