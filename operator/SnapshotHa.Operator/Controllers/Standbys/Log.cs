using Microsoft.Extensions.Logging;

namespace SnapshotHa.Operator.Controllers.Standbys;

/// <summary>Log messages of the standby VMs.</summary>
internal static partial class Log
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "Keeping the standbys of ProtectedVM {Namespace}/{Name} failed: {Error}")]
    public static partial void StandbyFailed(ILogger logger, string? @namespace, string name, string error);
}
