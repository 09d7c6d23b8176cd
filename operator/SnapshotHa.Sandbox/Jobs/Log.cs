using Microsoft.Extensions.Logging;

namespace SnapshotHa.Sandbox.Jobs;

/// <summary>Log messages of the sandbox's local Job runner.</summary>
internal static partial class Log
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Started attempt {Attempt} of Job {Namespace}/{Name}: {Command}")]
    public static partial void AttemptStarted(ILogger logger, int attempt, string? @namespace, string name, string command);

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {Namespace}/{Name} finished: {Condition} ({Reason})")]
    public static partial void Finished(ILogger logger, string? @namespace, string name, string condition, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Deleted finished Job {Namespace}/{Name}: ttlSecondsAfterFinished expired")]
    public static partial void TtlExpired(ILogger logger, string? @namespace, string name);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Listing or watching Jobs failed: {Error}")]
    public static partial void WatchFailed(ILogger logger, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Running Job {Namespace}/{Name} failed: {Error}")]
    public static partial void RunFailed(ILogger logger, string? @namespace, string name, string error);
}
