using System.Text.Json.Serialization;
using SnapshotHa.Kube.Entities.Attributes;

namespace SnapshotHa.Api.Policies;

/// <summary>The snapshot strategies (paper §V).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ScheduleMode>))]
[Description("The snapshot strategy.")]
public enum ScheduleMode
{
    /// <summary>A fixed period.</summary>
    Interval,

    /// <summary>When the running delta exceeds a size, bounded by min/max interval.</summary>
    DeltaThreshold,

    /// <summary>Keeps snapshot overhead within a budget, tightened towards the RPO target.</summary>
    Adaptive,
}
