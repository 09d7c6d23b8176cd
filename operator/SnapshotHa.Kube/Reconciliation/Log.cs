using Microsoft.Extensions.Logging;

namespace SnapshotHa.Kube.Reconciliation;

internal static partial class Log
{
    [LoggerMessage(EventId = 300, Level = LogLevel.Debug, Message = "Reconciled {Kind} {Key}: {Outcome}")]
    public static partial void Reconciled(ILogger logger, string kind, string key, ReconcileOutcomeKind outcome);

    [LoggerMessage(EventId = 302, Level = LogLevel.Information, Message = "Added finalizers to {Kind} {Key}: {Finalizers}")]
    public static partial void FinalizersAttached(ILogger logger, string kind, string key, string finalizers);

    [LoggerMessage(EventId = 303, Level = LogLevel.Information, Message = "Finalized {Kind} {Key} with {Finalizer}")]
    public static partial void Finalized(ILogger logger, string kind, string key, string finalizer);

    [LoggerMessage(EventId = 304, Level = LogLevel.Information, Message = "Handled deletion of {Kind} {Key}")]
    public static partial void DeletionHandled(ILogger logger, string kind, string key);

    [LoggerMessage(EventId = 305, Level = LogLevel.Debug, Message = "Write to {Kind} {Key} conflicted, requeued")]
    public static partial void WriteConflicted(ILogger logger, string kind, string key);
}
