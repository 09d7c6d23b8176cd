using SnapshotHa.Api.Common;
using SnapshotHa.Kube.Entities.Attributes;

namespace SnapshotHa.Api.Endpoints;

/// <summary>Heartbeat settings of an endpoint.</summary>
[Description("Heartbeat settings: each ESXi host is polled every interval; missesBeforeFailure consecutive misses declare it failed.")]
[ValidationRule("duration(self.timeout) < duration(self.interval)", Message = "timeout must be shorter than interval", FieldPath = ".timeout")]
public sealed record HeartbeatSpec
{
    /// <summary>The heartbeat period.</summary>
    [Required]
    [DefaultValue("10s")]
    [Length(MaxLength = 32)]
    [Pattern(Patterns.Duration)]
    [Description("Time between two heartbeats to each host, as a duration such as 10s. Default 10s.")]
    public string Interval { get; set; } = "10s";

    /// <summary>How long one heartbeat may take.</summary>
    [Required]
    [DefaultValue("5s")]
    [Length(MaxLength = 32)]
    [Pattern(Patterns.Duration)]
    [Description("How long one heartbeat may take before it counts as missed, shorter than interval. Default 5s.")]
    public string Timeout { get; set; } = "5s";

    /// <summary>Consecutive misses that mean failure.</summary>
    [DefaultValue(3)]
    [RangeMinimum(1)]
    [RangeMaximum(100)]
    [Description("Consecutive missed heartbeats after which a host is declared failed, which may start failovers. Default 3.")]
    public int MissesBeforeFailure { get; set; } = 3;
}
