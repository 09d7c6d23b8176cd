using System.Text.Json.Serialization;
using SnapshotHa.Kube.Entities.Attributes;

namespace SnapshotHa.Api.Endpoints;

/// <summary>The kind of vSphere endpoint (vim25 <c>AboutInfo.apiType</c>).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<EndpointApiType>))]
[Description("The kind of vSphere endpoint.")]
public enum EndpointApiType
{
    /// <summary>vCenter Server.</summary>
    VirtualCenter,

    /// <summary>A standalone ESXi host.</summary>
    HostAgent,
}
