using System.Text.Json.Serialization;
using SnapshotHa.Kube.Entities.Attributes;

namespace SnapshotHa.Api.Protection;

/// <summary>The lifecycle phase of a protected VM.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ProtectedVMPhase>))]
[Description("The lifecycle phase of a protected VM.")]
public enum ProtectedVMPhase
{
    /// <summary>Waiting for the endpoint, the policy or the VM.</summary>
    Pending,

    /// <summary>Copying the base disks as image 0.</summary>
    Seeding,

    /// <summary>Cycles run and the RPO target is met.</summary>
    Protected,

    /// <summary>Protected, but cycles fail or the RPO target is missed.</summary>
    Degraded,

    /// <summary>A failover is in progress.</summary>
    FailingOver,

    /// <summary>The VM runs from a recovered copy.</summary>
    FailedOver,

    /// <summary>spec.paused is true.</summary>
    Paused,
}
