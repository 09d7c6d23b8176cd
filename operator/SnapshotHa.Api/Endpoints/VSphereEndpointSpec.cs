using SnapshotHa.Api.Common;
using SnapshotHa.Kube.Entities.Attributes;

namespace SnapshotHa.Api.Endpoints;

/// <summary>Where and how to connect to vSphere.</summary>
[Description("Where and how SnapshotHA connects to vSphere.")]
public sealed record VSphereEndpointSpec
{
    /// <summary>The vim25 SDK URL.</summary>
    [Required]
    [Length(MaxLength = 2048)]
    [Pattern(@"^https://[^/\s:]+(:[0-9]{1,5})?(/[^\s]*)?$")]
    [Description("URL of the vim25 SDK, for example https://vcenter.example.com/sdk. Only https is accepted.")]
    public string Url { get; set; } = "";

    /// <summary>The Secret holding the user name and password.</summary>
    [Required]
    [Description("Secret in the same namespace holding the keys 'username' and 'password' of a vSphere account with the snapshot, datastore and virtual-machine privileges SnapshotHA needs.")]
    public LocalObjectReference CredentialsSecretRef { get; set; } = new();

    /// <summary>How the server certificate is verified.</summary>
    [Required]
    [Description("How the server certificate is verified: set exactly one of caBundle, thumbprint, or insecureSkipVerify: true.")]
    public EndpointTls Tls { get; set; } = new();

    /// <summary>The datacenter of the protected VMs' datastores.</summary>
    [Length(MaxLength = 1024)]
    [Pattern(@"^[^/](.*[^/])?$")]
    [Description("Inventory path of the datacenter whose datastores hold the protected VMs' disks, used in datastore file URLs (dcPath), for example dc-east or folder/dc-east. Default: the endpoint's only datacenter (ha-datacenter on a standalone ESXi host); required when a vCenter has several.")]
    public string? Datacenter { get; set; }

    /// <summary>Heartbeat settings.</summary>
    [DefaultValue("{}")]
    [Description("How often each ESXi host is checked and how many missed heartbeats mean failure.")]
    public HeartbeatSpec? Heartbeat { get; set; }
}
