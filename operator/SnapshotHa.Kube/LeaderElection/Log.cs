using Microsoft.Extensions.Logging;

namespace SnapshotHa.Kube.LeaderElection;

internal static partial class Log
{
    [LoggerMessage(EventId = 600, Level = LogLevel.Information, Message = "Acquired lease {Namespace}/{Name} as {Identity}")]
    public static partial void StartedLeading(ILogger logger, string @namespace, string name, string identity);

    [LoggerMessage(EventId = 601, Level = LogLevel.Warning, Message = "Lost lease {Namespace}/{Name}, stopped controllers")]
    public static partial void StoppedLeading(ILogger logger, string @namespace, string name);

    [LoggerMessage(EventId = 602, Level = LogLevel.Information, Message = "Observed new leader {Identity} of lease {Namespace}/{Name}")]
    public static partial void NewLeader(ILogger logger, string identity, string @namespace, string name);

    [LoggerMessage(EventId = 603, Level = LogLevel.Warning, Message = "Leader election on lease {Namespace}/{Name} failed")]
    public static partial void ElectionFailed(ILogger logger, Exception exception, string @namespace, string name);

    [LoggerMessage(EventId = 604, Level = LogLevel.Information, Message = "Released lease {Namespace}/{Name} held by {Identity}")]
    public static partial void Released(ILogger logger, string @namespace, string name, string identity);

    [LoggerMessage(EventId = 605, Level = LogLevel.Warning, Message = "Failed to release lease {Namespace}/{Name}; the next leader waits for it to expire")]
    public static partial void ReleaseFailed(ILogger logger, Exception exception, string @namespace, string name);
}
