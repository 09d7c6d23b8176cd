using Microsoft.Extensions.Logging;

namespace SnapshotHa.Kube.Events;

internal static partial class Log
{
    [LoggerMessage(EventId = 500, Level = LogLevel.Debug, Message = "Published event {Reason} about {Kind} {Namespace}/{Name} (count {Count})")]
    public static partial void Published(ILogger logger, string reason, string kind, string? @namespace, string name, int count);

    [LoggerMessage(EventId = 501, Level = LogLevel.Warning, Message = "Failed to publish event {Reason} about {Kind} {Namespace}/{Name}")]
    public static partial void PublishFailed(ILogger logger, Exception exception, string reason, string kind, string? @namespace, string name);
}
