namespace SnapshotHa.Vim.Hosts;

/// <summary>A host's connection state as vCenter or the host agent sees it (<c>HostSystemConnectionState</c>).</summary>
public enum HostConnectionState
{
    /// <summary>The server reported something else or nothing.</summary>
    Unknown,

    /// <summary>Connected and answering.</summary>
    Connected,

    /// <summary>Not answering heartbeats.</summary>
    NotResponding,

    /// <summary>Disconnected by a user or by vCenter.</summary>
    Disconnected,
}
