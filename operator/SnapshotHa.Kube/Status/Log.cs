using Microsoft.Extensions.Logging;

namespace SnapshotHa.Kube.Status;

internal static partial class Log
{
    [LoggerMessage(EventId = 400, Level = LogLevel.Debug, Message = "Skipped status write of {Kind} {Namespace}/{Name}: unchanged")]
    public static partial void StatusUnchanged(ILogger logger, string kind, string? @namespace, string name);

    [LoggerMessage(EventId = 401, Level = LogLevel.Debug, Message = "Status write of {Kind} {Namespace}/{Name} conflicted (attempt {Attempt}), retrying on a fresh read")]
    public static partial void StatusConflict(ILogger logger, string kind, string? @namespace, string name, int attempt);
}
