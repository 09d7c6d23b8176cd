using System.Text.Json.Serialization;
using SnapshotHa.Kube.Entities.Attributes;

namespace SnapshotHa.Api.Failovers;

/// <summary>The lifecycle phase of a failover.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<FailoverPhase>))]
[Description("The lifecycle phase of a failover.")]
public enum FailoverPhase
{
    /// <summary>Accepted, not started.</summary>
    Pending,

    /// <summary>Powering off or isolating the original, or waiting for fencingConfirmed.</summary>
    Fencing,

    /// <summary>Materializing the image on the target datastore (or activating a standby).</summary>
    Restoring,

    /// <summary>Registering and powering on the recovered VM.</summary>
    PoweringOn,

    /// <summary>The recovered VM runs.</summary>
    Succeeded,

    /// <summary>The failover stopped; see the conditions.</summary>
    Failed,
}
