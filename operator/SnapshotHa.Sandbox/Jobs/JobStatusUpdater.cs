using System.Net;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace SnapshotHa.Sandbox.Jobs;

/// <summary>Writes a Job's status subresource as the Job controller does: read, change, replace, again on a conflict.</summary>
/// <param name="kubernetes">The API client.</param>
public sealed class JobStatusUpdater(IKubernetes kubernetes)
{
    private const int Attempts = 10;

    /// <summary>Applies <paramref name="change"/> to the current status of the Job <paramref name="uid"/>.</summary>
    /// <param name="ns">The Job's namespace.</param>
    /// <param name="name">The Job's name.</param>
    /// <param name="uid">The Job's uid: a Job of the same name but another uid is not touched.</param>
    /// <param name="change">Changes the status.</param>
    /// <param name="cancellationToken">Cancels the update.</param>
    /// <returns>The Job as stored, or null when it no longer exists.</returns>
    public async Task<V1Job?> UpdateAsync(string ns, string name, string uid, Action<V1JobStatus> change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        for (var attempt = 1; ; attempt++)
        {
            V1Job job;
            try
            {
                job = await kubernetes.BatchV1.ReadNamespacedJobAsync(name, ns, cancellationToken: cancellationToken);
            }
            catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
            {
                return null;
            }

            if (job.Metadata.Uid != uid)
            {
                return null;
            }

            job.Status ??= new V1JobStatus();
            change(job.Status);
            try
            {
                return await kubernetes.BatchV1.ReplaceNamespacedJobStatusAsync(job, name, ns, cancellationToken: cancellationToken);
            }
            catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.Conflict && attempt < Attempts)
            {
                // Changed meanwhile: read again.
            }
            catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
            {
                return null;
            }
        }
    }

    /// <summary>Adds or replaces the condition <paramref name="type"/> with status True.</summary>
    /// <param name="status">The Job status.</param>
    /// <param name="type">Complete or Failed.</param>
    /// <param name="reason">The reason, e.g. BackoffLimitExceeded.</param>
    /// <param name="message">The message.</param>
    /// <param name="now">The transition time.</param>
    public static void SetCondition(V1JobStatus status, string type, string reason, string message, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(status);
        var conditions = status.Conditions?.Where(c => c.Type != type).ToList() ?? [];
        conditions.Add(new V1JobCondition
        {
            Type = type,
            Status = "True",
            Reason = reason,
            Message = message,
            LastProbeTime = now,
            LastTransitionTime = now,
        });
        status.Conditions = conditions;
    }
}
