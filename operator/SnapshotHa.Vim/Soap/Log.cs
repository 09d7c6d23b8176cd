using Microsoft.Extensions.Logging;

namespace SnapshotHa.Vim.Soap;

/// <summary>Log messages of the SOAP layer.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1201, Level = LogLevel.Warning,
        Message = "Retrying vSphere call (attempt {Attempt}) after {Delay}: {Reason}")]
    public static partial void RetryingCall(ILogger logger, int attempt, TimeSpan delay, string reason);

    [LoggerMessage(EventId = 1202, Level = LogLevel.Information,
        Message = "Re-logged in to vSphere after the session was lost during {Method}")]
    public static partial void ReloggedIn(ILogger logger, string method);
}
