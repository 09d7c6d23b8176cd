using System.Text.Json.Serialization;
using SnapshotHa.Kube.Entities.Attributes;

namespace SnapshotHa.Api.Endpoints;

/// <summary>The connection state of an ESXi host (vim25 <c>HostSystemConnectionState</c>).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<HostConnectionState>))]
[Description("Connection state of an ESXi host.")]
public enum HostConnectionState
{
    /// <summary>Connected and answering.</summary>
    Connected,

    /// <summary>Disconnected by a person.</summary>
    Disconnected,

    /// <summary>Not answering.</summary>
    NotResponding,
}
