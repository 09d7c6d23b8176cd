using Microsoft.Extensions.Logging;

namespace SnapshotHa.Kube.Watching;

internal static partial class Log
{
    [LoggerMessage(EventId = 100, Level = LogLevel.Debug, Message = "Listed {Kind}: {Count} objects at resourceVersion {ResourceVersion}")]
    public static partial void Listed(ILogger logger, string kind, int count, string resourceVersion);

    [LoggerMessage(EventId = 101, Level = LogLevel.Information, Message = "Watch of {Kind} expired at resourceVersion {ResourceVersion}, relisting")]
    public static partial void WatchExpired(ILogger logger, string kind, string? resourceVersion);

    [LoggerMessage(EventId = 102, Level = LogLevel.Warning, Message = "Watch of {Kind} failed (attempt {Attempt}), retrying in {Delay}")]
    public static partial void WatchFailed(ILogger logger, Exception exception, string kind, int attempt, TimeSpan delay);

    [LoggerMessage(EventId = 103, Level = LogLevel.Warning, Message = "Watch of {Kind} delivered an unreadable event")]
    public static partial void UnreadableEvent(ILogger logger, Exception exception, string kind);

    [LoggerMessage(EventId = 104, Level = LogLevel.Debug, Message = "Watch of {Kind} ended at resourceVersion {ResourceVersion} after {Events} events, resuming")]
    public static partial void WatchEnded(ILogger logger, string kind, string? resourceVersion, int events);

    [LoggerMessage(EventId = 105, Level = LogLevel.Information, Message = "Synthesised deletion of {Kind} {Key} missing from the relist")]
    public static partial void SynthesisedDelete(ILogger logger, string kind, string key);
}
