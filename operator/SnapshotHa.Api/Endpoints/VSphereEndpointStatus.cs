using SnapshotHa.Api.Common;
using SnapshotHa.Kube.Entities.Attributes;

namespace SnapshotHa.Api.Endpoints;

/// <summary>The observed state of an endpoint.</summary>
[Description("Observed state of the endpoint. Conditions: Connected, HeartbeatHealthy.")]
public sealed record VSphereEndpointStatus : ObservedStatus
{
    /// <summary>The product the endpoint reports.</summary>
    [Length(MaxLength = 256)]
    [Description("Product name and version the endpoint reports, for example 'VMware vCenter Server 8.0.2 build-22617221'.")]
    public string? Product { get; set; }

    /// <summary>The vim25 API version.</summary>
    [Length(MaxLength = 32)]
    [Description("vim25 API version the endpoint speaks, for example 8.0.2.0.")]
    public string? VimApiVersion { get; set; }

    /// <summary>Whether this is vCenter or a standalone host.</summary>
    [Description("The kind of endpoint: VirtualCenter (vCenter Server) or HostAgent (standalone ESXi).")]
    public EndpointApiType? ApiType { get; set; }

    /// <summary>The hosts behind the endpoint.</summary>
    [ListMapKeys("name")]
    [Items(MaxItems = 1024)]
    [Description("The ESXi hosts behind the endpoint and their heartbeat state.")]
    public IList<HostStatus>? Hosts { get; set; }
}
