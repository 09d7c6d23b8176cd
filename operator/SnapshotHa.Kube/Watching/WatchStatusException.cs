using k8s;

namespace SnapshotHa.Kube.Watching;

/// <summary>A watch ERROR event (a Status object) raised out of the watch stream, e.g. 410 Gone.</summary>
public sealed class WatchStatusException : Exception
{
    /// <summary>Creates the exception.</summary>
    public WatchStatusException()
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">The message.</param>
    public WatchStatusException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The Status error.</param>
    public WatchStatusException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Wraps the Status error delivered through the watch's onError callback.</summary>
    /// <param name="status">The error.</param>
    public WatchStatusException(KubernetesException status)
        : base(status?.Message, status)
    {
    }

    /// <summary>The HTTP-like code of the Status (410 for an expired resourceVersion), or 0.</summary>
    public int Code => (InnerException as KubernetesException)?.Status?.Code ?? 0;
}
