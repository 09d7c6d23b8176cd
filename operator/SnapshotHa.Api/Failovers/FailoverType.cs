using System.Text.Json.Serialization;
using SnapshotHa.Kube.Entities.Attributes;

namespace SnapshotHa.Api.Failovers;

/// <summary>The kinds of failover.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<FailoverType>))]
[Description("The kind of failover.")]
public enum FailoverType
{
    /// <summary>The source failed; fence it and recover.</summary>
    Unplanned,

    /// <summary>The source is healthy; take a final snapshot, shut it down and recover with no data loss.</summary>
    Planned,

    /// <summary>Recover a copy on an isolated network; the source keeps running.</summary>
    Test,

    /// <summary>Return to the original site after a failover.</summary>
    Failback,
}
