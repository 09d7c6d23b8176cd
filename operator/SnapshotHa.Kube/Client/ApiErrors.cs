using System.Net;
using k8s.Autorest;

namespace SnapshotHa.Kube.Client;

/// <summary>Classifies exceptions thrown by the Kubernetes client.</summary>
public static class ApiErrors
{
    /// <summary>Whether the API server answered 404 Not Found.</summary>
    /// <param name="exception">The exception.</param>
    /// <returns>True for a 404 answer.</returns>
    public static bool IsNotFound(this Exception exception) => HasStatus(exception, HttpStatusCode.NotFound);

    /// <summary>Whether the API server answered 409 Conflict (stale resourceVersion or existing name).</summary>
    /// <param name="exception">The exception.</param>
    /// <returns>True for a 409 answer.</returns>
    public static bool IsConflict(this Exception exception) => HasStatus(exception, HttpStatusCode.Conflict);

    /// <summary>Whether the API server answered 410 Gone, over HTTP or as a watch ERROR event.</summary>
    /// <param name="exception">The exception.</param>
    /// <returns>True for a 410 answer.</returns>
    public static bool IsGone(this Exception exception) =>
        exception is k8s.KubernetesException { Status.Code: (int)HttpStatusCode.Gone }
        || exception.InnerException is k8s.KubernetesException { Status.Code: (int)HttpStatusCode.Gone }
        || HasStatus(exception, HttpStatusCode.Gone);

    private static bool HasStatus(Exception exception, HttpStatusCode status) =>
        exception is HttpOperationException { Response: { } response } && response.StatusCode == status;
}
