using SnapshotHa.Kube.Entities.Attributes;

namespace SnapshotHa.Api.Protection;

/// <summary>The protection cycle in progress.</summary>
[Description("The protection cycle in progress.")]
public sealed record CycleProgress
{
    /// <summary>The cycle id.</summary>
    [Required]
    [Length(MinLength = 1, MaxLength = 64)]
    [Description("Cycle id; it is written into the snapshot's description so the cycle's snapshot is recognised after a restart.")]
    public string Id { get; set; } = "";

    /// <summary>The step.</summary>
    [Required]
    [Description("The step being executed: CreatingSnapshot, ShippingAndMerging, RemovingPreviousSnapshot, Pruning or RefreshingStandbys.")]
    public CycleStep Step { get; set; }

    /// <summary>The sequence being produced.</summary>
    [RangeMinimum(0)]
    [Description("Sequence number of the image this cycle produces.")]
    public long? Sequence { get; set; }

    /// <summary>The snapshot of this cycle.</summary>
    [Length(MaxLength = 80)]
    [Description("Name of the snapshot this cycle created.")]
    public string? SnapshotName { get; set; }

    /// <summary>The image of this cycle.</summary>
    [Length(MaxLength = 253)]
    [Description("Name of the RecoveryImage this cycle produces.")]
    public string? ImageName { get; set; }

    /// <summary>The cycle start.</summary>
    [Description("When the cycle started.")]
    public DateTime? StartedTime { get; set; }

    /// <summary>The W3C traceparent of the cycle's trace.</summary>
    [Length(MaxLength = 55)]
    [Description("W3C traceparent of the cycle's trace (root span protection.cycle); the spans of every step of the cycle are its children. Empty when tracing is off.")]
    public string? TraceParent { get; set; }
}
