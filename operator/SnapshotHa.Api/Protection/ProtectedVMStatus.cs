using SnapshotHa.Api.Common;
using SnapshotHa.Kube.Entities;
using SnapshotHa.Kube.Entities.Attributes;

namespace SnapshotHa.Api.Protection;

/// <summary>The observed state of a protected VM.</summary>
[Description("Observed state of the protected VM. Conditions: Ready, Seeded, HeartbeatHealthy, RPOMet.")]
public sealed record ProtectedVMStatus : ObservedStatus
{
    /// <summary>The phase.</summary>
    [AdditionalPrinterColumn(Name = "Phase", Order = 1)]
    [Description("Lifecycle phase: Pending, Seeding, Protected, Degraded, FailingOver, FailedOver or Paused.")]
    public ProtectedVMPhase? Phase { get; set; }

    /// <summary>Facts about the VM.</summary>
    [Description("Facts about the VM as vSphere last reported them.")]
    public VmFacts? Vm { get; set; }

    /// <summary>The last snapshot.</summary>
    [Description("The last snapshot the operator took of the VM.")]
    public SnapshotRecord? LastSnapshot { get; set; }

    /// <summary>The latest committed image.</summary>
    [Description("The newest committed RecoveryImage: what a failover restores by default.")]
    public ImageReference? LatestCommittedImage { get; set; }

    /// <summary>The RPO as of the last commit or RPOMet transition.</summary>
    [RangeMinimum(0)]
    [Description("Recovery point in seconds (time since the point in time of the latest committed image) when it was last recorded: at each commit and each RPOMet transition, not continuously. The Recovery Point column and the snapshotha_protectedvm_rpo_seconds metric give the current value.")]
    public long? RpoSeconds { get; set; }

    /// <summary>The next snapshot time.</summary>
    [Description("When the policy plans the next snapshot.")]
    public DateTime? NextSnapshotTime { get; set; }

    /// <summary>The cycle in progress.</summary>
    [Description("The protection cycle in progress, so that a restarted operator resumes it instead of starting over; absent between cycles.")]
    public CycleProgress? Cycle { get; set; }

    /// <summary>The VM protected since a failover.</summary>
    [Description("After a failover: the recovered VM, which is protected from then on instead of the one spec.vm selects.")]
    public Failovers.RecoveredVm? RecoveredVm { get; set; }

    /// <summary>The configuration a recovered VM is created with.</summary>
    [Description("The VM's configuration saved for failovers (CPUs, memory, guest id, adapters with MAC and network), read once the VM is seen.")]
    public SavedVmConfiguration? SavedConfiguration { get; set; }

    /// <summary>The standby VMs.</summary>
    [ListMapKeys("name")]
    [Items(MaxItems = 3)]
    [Description("The standby VMs and the image each was last refreshed from.")]
    public IList<StandbyStatus>? Standbys { get; set; }
}
