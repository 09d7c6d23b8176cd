using Microsoft.Extensions.Logging;

namespace SnapshotHa.Vim.Tasks;

/// <summary>Log messages of task handling.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1401, Level = LogLevel.Warning,
        Message = "Restarting vSphere task after {Delay}: {Reason}")]
    public static partial void RetryingTask(ILogger logger, string reason, TimeSpan delay);
}
