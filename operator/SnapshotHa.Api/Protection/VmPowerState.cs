using System.Text.Json.Serialization;
using SnapshotHa.Kube.Entities.Attributes;

namespace SnapshotHa.Api.Protection;

/// <summary>The power state of a VM.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<VmPowerState>))]
[Description("The power state of a VM.")]
public enum VmPowerState
{
    /// <summary>Running.</summary>
    PoweredOn,

    /// <summary>Off.</summary>
    PoweredOff,

    /// <summary>Suspended to disk.</summary>
    Suspended,
}
