using SnapshotHa.Api.Common;
using SnapshotHa.Kube.Entities;
using SnapshotHa.Kube.Entities.Attributes;

namespace SnapshotHa.Api.Policies;

/// <summary>The observed state of a policy.</summary>
[Description("Observed state of the policy. Conditions: Ready.")]
public sealed record SnapshotPolicyStatus : ObservedStatus
{
    /// <summary>The number of ProtectedVMs using the policy.</summary>
    [RangeMinimum(0)]
    [AdditionalPrinterColumn(Name = "VMs", Order = 5)]
    [Description("Number of ProtectedVMs that use this policy.")]
    public int? ProtectedVMs { get; set; }
}
