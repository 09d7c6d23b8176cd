using SnapshotHa.Api.Common;
using SnapshotHa.Kube.Entities;
using SnapshotHa.Kube.Entities.Attributes;

namespace SnapshotHa.Api.Policies;

/// <summary>The desired behaviour of a snapshot policy.</summary>
[Description("The desired behaviour of the policy.")]
public sealed record SnapshotPolicySpec
{
    /// <summary>When snapshots are taken.</summary>
    [Required]
    [Description("When snapshots are taken.")]
    public ScheduleSpec Schedule { get; set; } = new();

    /// <summary>How snapshots are taken.</summary>
    [DefaultValue("{}")]
    [Description("How the vSphere snapshots are taken.")]
    public SnapshotOptions? Snapshot { get; set; }

    /// <summary>The recovery point objective.</summary>
    [DefaultValue("15m")]
    [Length(MaxLength = 32)]
    [Pattern(Patterns.Duration)]
    [AdditionalPrinterColumn(Name = "RPO Target", Order = 3)]
    [Description("Recovery point objective: the largest acceptable age of the latest committed image. ProtectedVMs report RPOMet=False above it; the Adaptive mode tightens its interval towards it. Default 15m.")]
    public string? RpoTarget { get; set; }

    /// <summary>Which committed images are kept.</summary>
    [DefaultValue("{}")]
    [Description("Which committed images are kept; the others are pruned and their unshared chunks collected.")]
    public RetentionSpec? Retention { get; set; }

    /// <summary>How deltas are merged.</summary>
    [DefaultValue("{}")]
    [Description("How shipped deltas are merged into the previous committed image.")]
    public MergeSpec? Merge { get; set; }

    /// <summary>An optional second repository.</summary>
    [Description("An optional second repository every committed image is replicated to after the commit: a volume directory or an S3-compatible bucket.")]
    public SecondaryRepositorySpec? SecondaryRepository { get; set; }

    /// <summary>Standby VMs.</summary>
    [DefaultValue("{}")]
    [Description("Powered-off standby VMs kept on other hosts and refreshed after commits, for a faster failover.")]
    public StandbySpec? Standby { get; set; }

    /// <summary>Failover behaviour.</summary>
    [DefaultValue("{}")]
    [Description("What happens when a protected VM's host or the VM itself fails.")]
    public FailoverPolicySpec? Failover { get; set; }
}
