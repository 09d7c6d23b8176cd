using SnapshotHa.Api.Common;
using SnapshotHa.Kube.Entities;
using SnapshotHa.Kube.Entities.Attributes;

namespace SnapshotHa.Api.Policies;

/// <summary>When snapshots are taken.</summary>
[Description("When snapshots are taken.")]
[ValidationRule("self.mode != 'Interval' || has(self.interval)", Message = "interval is required when mode is Interval", FieldPath = ".interval", Reason = "FieldValueRequired")]
[ValidationRule("self.mode != 'DeltaThreshold' || has(self.deltaThresholdBytes)", Message = "deltaThresholdBytes is required when mode is DeltaThreshold", FieldPath = ".deltaThresholdBytes", Reason = "FieldValueRequired")]
[ValidationRule("self.mode != 'Adaptive' || has(self.overheadBudgetPercent)", Message = "overheadBudgetPercent is required when mode is Adaptive", FieldPath = ".overheadBudgetPercent", Reason = "FieldValueRequired")]
[ValidationRule("!has(self.minInterval) || !has(self.maxInterval) || duration(self.minInterval) <= duration(self.maxInterval)", Message = "minInterval must not exceed maxInterval", FieldPath = ".minInterval")]
[ValidationRule("self.mode == 'Interval' || !has(self.interval)", Message = "interval applies only to mode Interval; use minInterval and maxInterval to bound the other modes", FieldPath = ".interval", Reason = "FieldValueForbidden")]
public sealed record ScheduleSpec
{
    /// <summary>The strategy.</summary>
    [Required]
    [AdditionalPrinterColumn(Name = "Mode", Order = 1)]
    [Description("The strategy: Interval (fixed period), DeltaThreshold (when the running delta exceeds deltaThresholdBytes) or Adaptive (keeps snapshot overhead within overheadBudgetPercent).")]
    public ScheduleMode Mode { get; set; }

    /// <summary>The fixed period.</summary>
    [Length(MaxLength = 32)]
    [Pattern(Patterns.Duration)]
    [ValidationRule("duration(self) >= duration('1m')", Message = "interval must be at least 1m")]
    [AdditionalPrinterColumn(Name = "Interval", Order = 2)]
    [Description("Time between two snapshots, at least 1m; required when mode is Interval.")]
    public string? Interval { get; set; }

    /// <summary>The delta size that triggers a snapshot.</summary>
    [RangeMinimum(1048576)]
    [Description("Size in bytes of the running delta that triggers the next snapshot (at least 1 MiB); required when mode is DeltaThreshold.")]
    public long? DeltaThresholdBytes { get; set; }

    /// <summary>The snapshot overhead budget.</summary>
    [RangeMinimum(1)]
    [RangeMaximum(50)]
    [Description("Share of time, in percent, the VM may spend stunned or slowed by snapshot creation and consolidation; the interval becomes at least the measured overhead divided by this budget. Required when mode is Adaptive.")]
    public int? OverheadBudgetPercent { get; set; }

    /// <summary>The shortest interval.</summary>
    [Length(MaxLength = 32)]
    [Pattern(Patterns.Duration)]
    [Description("Shortest time between two snapshots in the DeltaThreshold and Adaptive modes. Default 1m.")]
    public string? MinInterval { get; set; }

    /// <summary>The longest interval.</summary>
    [Length(MaxLength = 32)]
    [Pattern(Patterns.Duration)]
    [Description("Longest time between two snapshots in the DeltaThreshold and Adaptive modes, even when the delta stays small. Default: the policy's rpoTarget.")]
    public string? MaxInterval { get; set; }
}
