using Microsoft.Extensions.Logging;

namespace SnapshotHa.Vim.Tls;

/// <summary>Log messages of TLS verification.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1101, Level = LogLevel.Warning,
        Message = "Connected to vSphere endpoint {Endpoint} without verifying its TLS certificate (insecureSkipVerify)")]
    public static partial void InsecureConnection(ILogger logger, string endpoint);

    [LoggerMessage(EventId = 1102, Level = LogLevel.Error,
        Message = "Rejected TLS certificate of vSphere endpoint {Endpoint}: {Reason}")]
    public static partial void CertificateRejected(ILogger logger, string endpoint, string reason);
}
