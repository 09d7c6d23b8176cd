using SnapshotHa.Api.Common;
using SnapshotHa.Kube.Entities;
using SnapshotHa.Kube.Entities.Attributes;

namespace SnapshotHa.Api.Failovers;

/// <summary>The observed state of a failover.</summary>
[Description("Observed state of the failover. Conditions: Fenced, Restored, Succeeded.")]
public sealed record FailoverStatus : ObservedStatus
{
    /// <summary>The phase.</summary>
    [AdditionalPrinterColumn(Name = "Phase", Order = 3)]
    [Description("Lifecycle phase: Pending, Fencing, Restoring, PoweringOn, Succeeded or Failed.")]
    public FailoverPhase? Phase { get; set; }

    /// <summary>The image restored.</summary>
    [Description("The image restored (resolved from spec.imageRef or the latest committed image when the failover started).")]
    public ImageReference? Image { get; set; }

    /// <summary>When the failure was detected.</summary>
    [Description("When the failure was detected (first missed heartbeat or VM failure); absent for Planned and Test failovers started by a person.")]
    public DateTime? DetectedTime { get; set; }

    /// <summary>When the failover started.</summary>
    [Description("When the operator started the failover.")]
    public DateTime? StartedTime { get; set; }

    /// <summary>When the failover finished.</summary>
    [Description("When the recovered VM was powered on, or the failover failed.")]
    public DateTime? CompletedTime { get; set; }

    /// <summary>The detection time.</summary>
    [RangeMinimum(0)]
    [Description("Seconds from the failure to its detection.")]
    public double? DetectionSeconds { get; set; }

    /// <summary>The achieved RTO.</summary>
    [RangeMinimum(0)]
    [AdditionalPrinterColumn(Name = "RTO(s)", Order = 5, Description = "Seconds from detection to the recovered VM's power-on.")]
    [Description("Achieved recovery time in seconds: from detection (or start, without detection) to the recovered VM's power-on.")]
    public double? RtoSeconds { get; set; }

    /// <summary>The data loss window.</summary>
    [RangeMinimum(0)]
    [Description("Achieved recovery point in seconds: from the restored image's point in time to the failure.")]
    public double? RpoSeconds { get; set; }

    /// <summary>The sequence the final image of a Planned failover or Failback must exceed.</summary>
    [RangeMinimum(-1)]
    [Description("Planned and Failback: once the source is powered off, the final image is the first committed image with a higher sequence than this (images committed or in progress before the power-off do not count), so no write is lost.")]
    public long? FinalImageAfterSequence { get; set; }

    /// <summary>The VM failed over from.</summary>
    [Description("The VM that failed (or, for Planned and Test failovers, the source), recorded when the failover started.")]
    public RecoveredVm? SourceVm { get; set; }

    /// <summary>The recovered VM.</summary>
    [Description("The VM running after the failover.")]
    public RecoveredVm? RecoveredVm { get; set; }

    /// <summary>The W3C traceparent of the failover's trace.</summary>
    [Length(MaxLength = 55)]
    [Description("W3C traceparent of the failover's trace (root span failover); the span of every step is its child. Empty when tracing is off.")]
    public string? TraceParent { get; set; }
}
