using SnapshotHa.Api.Endpoints;

namespace SnapshotHa.Operator.Controllers.Endpoints;

/// <summary>What the heartbeat loop of one host last saw.</summary>
/// <param name="Moref">The host's managed object id.</param>
/// <param name="Name">The host name.</param>
/// <param name="ConnectionState">The connection state the host reported, or NotResponding when the probe failed.</param>
/// <param name="InMaintenanceMode">Whether the host is in maintenance mode.</param>
/// <param name="LastHeartbeat">When the last probe succeeded; null before the first.</param>
/// <param name="ConsecutiveMisses">Probes failed in a row.</param>
/// <param name="LastError">Why the last probe failed; null after a success.</param>
/// <param name="MissesBeforeFailure">The endpoint's <c>spec.heartbeat.missesBeforeFailure</c> when this was recorded.</param>
public sealed record HostHeartbeat(
    string Moref,
    string Name,
    HostConnectionState ConnectionState,
    bool InMaintenanceMode,
    DateTimeOffset? LastHeartbeat,
    int ConsecutiveMisses,
    string? LastError,
    int MissesBeforeFailure)
{
    /// <summary>True once the consecutive misses reached <see cref="MissesBeforeFailure"/>: the host counts as failed.</summary>
    public bool Failed => ConsecutiveMisses >= MissesBeforeFailure;
}
