using Microsoft.Extensions.Logging;

namespace SnapshotHa.Kube.Hosting;

internal static partial class Log
{
    [LoggerMessage(EventId = 700, Level = LogLevel.Information, Message = "Started controller {Controller} with {Workers} workers")]
    public static partial void ControllerStarted(ILogger logger, string controller, int workers);

    [LoggerMessage(EventId = 701, Level = LogLevel.Information, Message = "Stopped controller {Controller}")]
    public static partial void ControllerStopped(ILogger logger, string controller);

    [LoggerMessage(EventId = 702, Level = LogLevel.Warning, Message = "Reconcile of {Controller} {Key} failed (retry {Retry})")]
    public static partial void ReconcileFailed(ILogger logger, Exception? exception, string controller, string key, int retry);
}
