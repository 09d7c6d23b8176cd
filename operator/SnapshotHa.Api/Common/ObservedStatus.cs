using k8s.Models;
using SnapshotHa.Kube.Entities.Attributes;

namespace SnapshotHa.Api.Common;

/// <summary>The part every status shares: the generation it reflects and Kubernetes-style conditions.</summary>
public abstract record ObservedStatus
{
    /// <summary>The <c>metadata.generation</c> this status reflects.</summary>
    [RangeMinimum(0)]
    [Description("The metadata.generation of the spec this status reflects; lower than metadata.generation while the operator has not yet acted on the latest spec.")]
    public long? ObservedGeneration { get; set; }

    /// <summary>The conditions, at most one per type.</summary>
    [Items(MaxItems = 16)]
    [Description("Conditions describing the observed state, one per type (see the resource's documentation for the types and reasons).")]
    public IList<V1Condition>? Conditions { get; set; }
}
