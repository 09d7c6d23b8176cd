using SnapshotHa.Api.Common;
using SnapshotHa.Kube.Entities.Attributes;

namespace SnapshotHa.Api.Policies;

/// <summary>How vSphere snapshots are taken.</summary>
[Description("How the vSphere snapshots are taken.")]
public sealed record SnapshotOptions
{
    /// <summary>Whether memory is included.</summary>
    [DefaultValue(false)]
    [Description("Include the VM's memory in the snapshot. Makes snapshots much slower and larger and is not needed to restore disks. Default false.")]
    public bool IncludeMemory { get; set; }

    /// <summary>Whether the guest is quiesced.</summary>
    [DefaultValue(true)]
    [Description("Quiesce the guest file systems through VMware Tools before the snapshot, for application-consistent images. Default true.")]
    public bool Quiesce { get; set; } = true;

    /// <summary>The quiesce timeout.</summary>
    [DefaultValue("5m")]
    [Length(MaxLength = 32)]
    [Pattern(Patterns.Duration)]
    [Description("How long a quiesced snapshot may take before the cycle gives up and retries; see onQuiesceFailure. Default 5m.")]
    public string? QuiesceTimeout { get; set; }

    /// <summary>What to do when quiescing fails.</summary>
    [DefaultValue(QuiesceFailureAction.CrashConsistent)]
    [Description("What to do when quiescing fails or times out: Fail (skip this cycle and report it) or CrashConsistent (take the snapshot without quiescing). Default CrashConsistent.")]
    public QuiesceFailureAction? OnQuiesceFailure { get; set; }
}
