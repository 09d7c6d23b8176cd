using Microsoft.Extensions.Logging;

namespace SnapshotHa.Vim.Session;

/// <summary>Log messages of the vim25 session.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1001, Level = LogLevel.Information,
        Message = "Connected to vSphere endpoint {Endpoint} as {User}: {Product}, API {ApiVersion}")]
    public static partial void Connected(ILogger logger, string endpoint, string user, string product, string apiVersion);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Information,
        Message = "Renewed the lost vSphere session to {Endpoint} as {User}")]
    public static partial void SessionRenewed(ILogger logger, string endpoint, string user);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Information,
        Message = "Logged out of vSphere endpoint {Endpoint} as {User}")]
    public static partial void LoggedOut(ILogger logger, string endpoint, string user);

    [LoggerMessage(EventId = 1004, Level = LogLevel.Warning,
        Message = "Failed to keep the vSphere session to {Endpoint} alive: {Reason}")]
    public static partial void KeepAliveFailed(ILogger logger, string endpoint, string reason);

    [LoggerMessage(EventId = 1005, Level = LogLevel.Warning,
        Message = "Connected to vSphere endpoint {Endpoint} over plain HTTP: traffic and credentials are not encrypted")]
    public static partial void PlainHttp(ILogger logger, string endpoint);
}
