using System.Net;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace SnapshotHa.Kube.Client;

/// <summary>Deletes one exact Job (this uid), its pods in the background, like the Job controller's garbage collection.</summary>
public static class JobDeletion
{
    /// <summary>
    /// Deletes <paramref name="job"/> with propagation Background and a uid precondition, so that a newer Job that
    /// took the same name is never deleted.
    /// </summary>
    /// <param name="kubernetes">The API client.</param>
    /// <param name="job">The Job as read (name, namespace and uid are used).</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>True when this call deleted it; false when it was already gone or replaced by another Job of that name.</returns>
    public static async Task<bool> DeleteExactAsync(IKubernetes kubernetes, V1Job job, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(kubernetes);
        ArgumentNullException.ThrowIfNull(job);
        try
        {
            await kubernetes.BatchV1.DeleteNamespacedJobAsync(
                job.Metadata.Name,
                job.Metadata.NamespaceProperty,
                new V1DeleteOptions { PropagationPolicy = "Background", Preconditions = new V1Preconditions { Uid = job.Metadata.Uid } },
                propagationPolicy: "Background",
                cancellationToken: cancellationToken);
            return true;
        }
        catch (HttpOperationException e) when (e.Response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Conflict)
        {
            return false;
        }
    }
}
