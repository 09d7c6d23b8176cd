using Microsoft.Extensions.Logging;

namespace SnapshotHa.Operator.Controllers;

/// <summary>Log messages of the SnapshotHA controllers.</summary>
internal static partial class Log
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "Host {Host} of VSphereEndpoint {Endpoint} missed {Misses} heartbeats: {Error}")]
    public static partial void HostFailed(ILogger logger, string endpoint, string host, int misses, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Host {Host} of VSphereEndpoint {Endpoint} answered heartbeats again")]
    public static partial void HostRecovered(ILogger logger, string endpoint, string host);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Connecting VSphereEndpoint {Namespace}/{Name} failed: {Error}")]
    public static partial void ConnectFailed(ILogger logger, string? @namespace, string name, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Created snapshot {Snapshot} of ProtectedVM {Namespace}/{Name} in {Seconds} s")]
    public static partial void SnapshotCreated(ILogger logger, string? @namespace, string name, string snapshot, double seconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "Committed RecoveryImage {Image} of ProtectedVM {Namespace}/{Name}: {DeltaBytes} delta bytes merged in {Seconds} s")]
    public static partial void ImageCommitted(ILogger logger, string? @namespace, string name, string image, long deltaBytes, double seconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "Removed snapshot {Snapshot} of ProtectedVM {Namespace}/{Name}")]
    public static partial void SnapshotRemoved(ILogger logger, string? @namespace, string name, string snapshot);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cycle step {Step} of ProtectedVM {Namespace}/{Name} failed: {Error}")]
    public static partial void StepFailed(ILogger logger, string? @namespace, string name, string step, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Pruned {Count} images of ProtectedVM {Namespace}/{Name}")]
    public static partial void Pruned(ILogger logger, string? @namespace, string name, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Snapshot {Snapshot} of ProtectedVM {Namespace}/{Name} disappeared before its image was committed: cycle {Cycle} restarted")]
    public static partial void CycleRestarted(ILogger logger, string? @namespace, string name, string snapshot, string cycle);

    [LoggerMessage(Level = LogLevel.Information, Message = "Deleted {Count} Pruned RecoveryImages of ProtectedVM {Namespace}/{Name}, keeping the newest {Kept}")]
    public static partial void PrunedImagesDeleted(ILogger logger, string? @namespace, string name, int count, int kept);

    [LoggerMessage(Level = LogLevel.Information, Message = "Synced RecoveryImage {Namespace}/{Name} to secondary repository {Target}: {Objects} objects ({Bytes} bytes) copied")]
    public static partial void ImageReplicated(ILogger logger, string? @namespace, string name, string target, long objects, long bytes);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Syncing RecoveryImage {Namespace}/{Name} to the secondary repository failed: {Error}")]
    public static partial void ReplicationFailed(ILogger logger, string? @namespace, string name, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Polling the running deltas of the ProtectedVMs on VSphereEndpoint {Namespace}/{Name} failed (each is reconciled instead): {Error}")]
    public static partial void DeltaPollFailed(ILogger logger, string? @namespace, string name, string error);
}
