using SnapshotHa.Api.Common;
using SnapshotHa.Kube.Entities.Attributes;

namespace SnapshotHa.Api.Policies;

/// <summary>Failover behaviour of a policy.</summary>
[Description("What happens when a protected VM's host or the VM itself fails.")]
public sealed record FailoverPolicySpec
{
    /// <summary>Whether failovers start automatically.</summary>
    [DefaultValue(true)]
    [AdditionalPrinterColumn(Name = "Auto Failover", Order = 4)]
    [Description("Create a Failover automatically when a failure is detected; when false the operator only reports it and a person applies a Failover. Default true.")]
    public bool Automatic { get; set; } = true;

    /// <summary>The fencing strictness.</summary>
    [DefaultValue(FencingMode.Required)]
    [Description("Required: fail over only once the original is confirmed powered off (by vSphere or by setting fencingConfirmed on the Failover), so two copies never run. BestEffort: fail over after trying to power it off, accepting the risk of two running copies. Default Required.")]
    public FencingMode Fencing { get; set; } = FencingMode.Required;

    /// <summary>The grace period.</summary>
    [DefaultValue("30s")]
    [Length(MaxLength = 32)]
    [Pattern(Patterns.Duration)]
    [Description("Time a failure must persist after detection (missed heartbeats) before an automatic failover starts, to ride out short network partitions. Default 30s.")]
    public string? GracePeriod { get; set; }
}
