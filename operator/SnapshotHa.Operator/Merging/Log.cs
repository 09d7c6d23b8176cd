using Microsoft.Extensions.Logging;

namespace SnapshotHa.Operator.Merging;

/// <summary>Log messages of the merge executors.</summary>
internal static partial class Log
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Created merge Job {Namespace}/{Name} for RecoveryImage {Image}")]
    public static partial void JobCreated(ILogger logger, string? @namespace, string name, string image);

    [LoggerMessage(Level = LogLevel.Information, Message = "Deleted merge Job {Namespace}/{Name} left from an earlier RecoveryImage {Image} (owner uid {OwnerUid})")]
    public static partial void StaleJobDeleted(ILogger logger, string? @namespace, string name, string image, string? ownerUid);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Merge Job {Namespace}/{Name} failed ({Reason}): {Detail}; it is deleted and the next attempt creates a new one")]
    public static partial void JobFailed(ILogger logger, string? @namespace, string name, string reason, string? detail);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Deleting merge result file {Path} of RecoveryImage {Namespace}/{Name} failed: {Error}")]
    public static partial void ResultCleanupFailed(ILogger logger, string path, string? @namespace, string name, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Recording merge Job {Job} on RecoveryImage {Namespace}/{Name} failed: {Error}")]
    public static partial void JobNotRecorded(ILogger logger, string? @namespace, string name, string job, string error);
}
