using Microsoft.Extensions.Logging;

namespace SnapshotHa.Vim.Properties;

/// <summary>Log messages of property retrieval and watches.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1301, Level = LogLevel.Debug,
        Message = "Destroyed property collector {Collector} failed: {Reason}")]
    public static partial void WatchCleanupFailed(ILogger logger, string collector, string reason);

    [LoggerMessage(EventId = 1302, Level = LogLevel.Debug,
        Message = "Cancelled property retrieval {Token} failed: {Reason}")]
    public static partial void RetrievalCancelFailed(ILogger logger, string token, string reason);

    [LoggerMessage(EventId = 1303, Level = LogLevel.Debug,
        Message = "Destroying view {View} failed: {Reason}")]
    public static partial void ViewCleanupFailed(ILogger logger, string view, string reason);
}
