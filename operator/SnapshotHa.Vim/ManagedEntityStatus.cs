namespace SnapshotHa.Vim;

/// <summary>A health colour (<c>ManagedEntityStatus</c>), e.g. a guest heartbeat.</summary>
public enum ManagedEntityStatus
{
    /// <summary>Unknown (no heartbeat information, e.g. VMware Tools not running).</summary>
    Gray,

    /// <summary>Healthy.</summary>
    Green,

    /// <summary>Possibly unhealthy (heartbeats intermittent).</summary>
    Yellow,

    /// <summary>Unhealthy (no heartbeats).</summary>
    Red,
}
