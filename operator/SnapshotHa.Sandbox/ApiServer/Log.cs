using Microsoft.Extensions.Logging;

namespace SnapshotHa.Sandbox.ApiServer;

/// <summary>Log messages of the sandbox API server.</summary>
internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Information, "Started sandbox API server at {Address}")]
    public static partial void Started(ILogger logger, Uri address);

    [LoggerMessage(2, LogLevel.Debug, "Deleted dependent {Kind} {Namespace}/{Name} of deleted owner {OwnerKind} {OwnerName}")]
    public static partial void DependentDeleted(ILogger logger, string kind, string? @namespace, string name, string ownerKind, string ownerName);

    [LoggerMessage(3, LogLevel.Debug, "Served {Method} {Path} with {StatusCode}")]
    public static partial void Served(ILogger logger, string method, string path, int statusCode);

    [LoggerMessage(4, LogLevel.Error, "Failed {Method} {Path}")]
    public static partial void Failed(ILogger logger, Exception exception, string method, string path);

    [LoggerMessage(5, LogLevel.Information, "Injected fault {StatusCode} into {Method} {Path}")]
    public static partial void FaultInjected(ILogger logger, int statusCode, string method, string path);
}
