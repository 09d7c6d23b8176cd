using Microsoft.Extensions.Logging;
using k8s.Models;

namespace SnapshotHa.Sandbox.ApiServer;

/// <summary>Settings of a <see cref="KubeApiServer"/>.</summary>
public sealed record KubeApiServerOptions
{
    /// <summary>The CustomResourceDefinitions whose served versions the server serves besides the built-in kinds.</summary>
    public IReadOnlyList<V1CustomResourceDefinition> CustomResourceDefinitions { get; init; } = [];

    /// <summary>How many watch events are kept for resuming watches; older resourceVersions get 410 Gone.</summary>
    public int HistoryLimit { get; init; } = 1000;

    /// <summary>The loopback port to listen on; 0 picks a free port.</summary>
    public int Port { get; init; }

    /// <summary>The clock for timestamps, watch timeouts and bookmark intervals.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Logging for the server; null logs nothing.</summary>
    public ILoggerFactory? LoggerFactory { get; init; }

    /// <summary>How often a watch that allows bookmarks gets a BOOKMARK (one is also sent right after the initial replay).</summary>
    public TimeSpan BookmarkInterval { get; init; } = TimeSpan.FromSeconds(10);
}
