using Microsoft.Extensions.Logging;

namespace SnapshotHa.Vim.Datastores;

/// <summary>Log messages of datastore transfers.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1501, Level = LogLevel.Warning,
        Message = "Resumed download of datastore file {Path} at byte {Offset} after: {Reason}")]
    public static partial void DownloadResumed(ILogger logger, string path, long offset, string reason);

    [LoggerMessage(EventId = 1502, Level = LogLevel.Warning,
        Message = "Datastore file {Path} was sent whole although bytes from {Offset} were asked for: the server ignored Range")]
    public static partial void RangeIgnored(ILogger logger, string path, long offset);

    [LoggerMessage(EventId = 1503, Level = LogLevel.Information,
        Message = "Uploaded datastore file {Path} ({Bytes} bytes)")]
    public static partial void Uploaded(ILogger logger, string path, long bytes);
}
