using Microsoft.Extensions.Logging;

namespace SnapshotHa.Operator.Controllers.Failovers;

/// <summary>Log messages of failure detection and failover.</summary>
internal static partial class Log
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "Detected failure of ProtectedVM {Namespace}/{Name}: {Reason}: {Message}")]
    public static partial void FailureDetected(ILogger logger, string? @namespace, string name, string reason, string message);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Created Failover {Namespace}/{Failover} for ProtectedVM {Name}: {Reason}")]
    public static partial void FailoverCreated(ILogger logger, string? @namespace, string failover, string name, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Checking ProtectedVM {Namespace}/{Name} for failures failed: {Error}")]
    public static partial void CheckFailed(ILogger logger, string? @namespace, string name, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Failover {Namespace}/{Name} fenced the source: {Reason}: {Message}")]
    public static partial void Fenced(ILogger logger, string? @namespace, string name, string reason, string message);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Failover {Namespace}/{Name} step {Phase} failed (retrying): {Error}")]
    public static partial void StepFailed(ILogger logger, string? @namespace, string name, string phase, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Failover {Namespace}/{Name} {Result}: {Type}, detection {DetectionSeconds} s, RTO {RtoSeconds} s")]
    public static partial void Completed(ILogger logger, string? @namespace, string name, string type, string result, double? detectionSeconds, double? rtoSeconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Watching the VM states of VSphereEndpoint {Endpoint} failed, reading them directly and retrying in {RetrySeconds} s: {Error}")]
    public static partial void VmStateWatchFailed(ILogger logger, string endpoint, double retrySeconds, string error);
}
