using SnapshotHa.Kube.Entities.Attributes;

namespace SnapshotHa.Api.Endpoints;

/// <summary>The heartbeat state of one ESXi host.</summary>
[Description("Heartbeat state of one ESXi host.")]
public sealed record HostStatus
{
    /// <summary>The host name.</summary>
    [Required]
    [Length(MaxLength = 253)]
    [Description("Host name as vSphere shows it.")]
    public string Name { get; set; } = "";

    /// <summary>The host's managed object id.</summary>
    [Length(MaxLength = 64)]
    [Description("Managed object id of the host (host-12 on vCenter, ha-host on a standalone host).")]
    public string? Moref { get; set; }

    /// <summary>The connection state vSphere reports.</summary>
    [Description("Connection state vSphere reports for the host.")]
    public HostConnectionState? ConnectionState { get; set; }

    /// <summary>Whether the host is in maintenance mode.</summary>
    [Description("Whether the host is in maintenance mode (no failover targets it then).")]
    public bool? InMaintenanceMode { get; set; }

    /// <summary>The last answered heartbeat.</summary>
    [Description("Time of the last heartbeat the host answered.")]
    public DateTime? LastHeartbeatTime { get; set; }

    /// <summary>Consecutive misses.</summary>
    [RangeMinimum(0)]
    [Description("Number of consecutive heartbeats the host missed; 0 while healthy.")]
    public int ConsecutiveMisses { get; set; }
}
