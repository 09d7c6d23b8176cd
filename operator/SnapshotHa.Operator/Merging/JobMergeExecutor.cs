using System.Net;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Microsoft.Extensions.Logging;
using SnapshotHa.Api.Endpoints;
using SnapshotHa.Api.Images;
using SnapshotHa.Kube.Client;
using SnapshotHa.Kube.Status;
using SnapshotHa.Operator.Controllers;
using SnapshotHa.Operator.Hosting;
using SnapshotHa.RepositoryCli;

namespace SnapshotHa.Operator.Merging;

/// <summary>
/// Executor <c>Job</c>: runs each RecoveryImage's merge as one batch/v1 Job (<see cref="MergeJobManifest"/>) and
/// follows it. The Job writes its outcome to the repository (<see cref="MergeResultFile"/>); the operator reads it
/// once the file exists. Restart-safe: the Job's name is derived from the image, so a restarted operator follows the
/// Job it created before instead of creating a second one; a Job of the same name owned by an earlier image (a
/// different uid) is deleted first.
/// </summary>
/// <param name="kubernetes">Reads, creates and deletes Jobs.</param>
/// <param name="client">Reads the VSphereEndpoint.</param>
/// <param name="statusWriter">Records the Job on the image (status.jobName, Committed=False with reason JobRunning or JobFailed).</param>
/// <param name="options">The Job's image, command, mount path and TTL.</param>
/// <param name="timeProvider">Clock of the conditions.</param>
/// <param name="logger">Logs Job creation and failures.</param>
public sealed class JobMergeExecutor(
    IKubernetes kubernetes,
    IKubernetesClient client,
    EntityStatusWriter statusWriter,
    ProtectionOptions options,
    TimeProvider timeProvider,
    ILogger<JobMergeExecutor> logger) : IMergeExecutor
{
    /// <inheritdoc />
    /// <exception cref="MergeJobFailedException">The Job failed (retries exhausted or deadline exceeded); it was deleted.</exception>
    /// <exception cref="InvalidOperationException">The work lacks the endpoint or repository volume, or the endpoint does not exist.</exception>
    public async Task<MergeOutcome?> RunAsync(MergeWork work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        var image = work.Image;
        var ns = image.Metadata.NamespaceProperty ?? "default";
        var name = MergeJobNames.For(image.Metadata.Name);
        var resultPath = MergeResultFile.PathIn(work.RepositoryPath, image.Metadata.Name, image.Metadata.Uid);
        var job = await ReadAsync(name, ns, cancellationToken);
        if (job is not null && !IsOwnedBy(job, image.Metadata.Uid))
        {
            await JobDeletion.DeleteExactAsync(kubernetes, job, cancellationToken);
            Log.StaleJobDeleted(logger, ns, name, image.Metadata.Name, job.Metadata.OwnerReferences?.FirstOrDefault()?.Uid);
            job = null;
        }

        if (await MergeResultFile.ReadAsync(resultPath, cancellationToken) is { } result)
        {
            return MergeOutcome.FromJobResult(result, name);
        }

        if (job is null)
        {
            await CreateAsync(work, ns, cancellationToken);
            return null;
        }

        if (MergeJobStatus.Failure(job) is { } failure)
        {
            await JobDeletion.DeleteExactAsync(kubernetes, job, cancellationToken);
            Log.JobFailed(logger, ns, name, failure.Reason ?? "Failed", failure.Message);
            var exception = new MergeJobFailedException($"{ns}/{name}", failure.Reason ?? "Failed", failure.Message);
            await RecordAsync(work.Image, name, RecoveryImageConditions.ReasonJobFailed, $"{exception.Message}; a new Job is created", cancellationToken);
            throw exception;
        }

        if (MergeJobStatus.IsComplete(job))
        {
            // The result is written before the process exits; a Complete Job without one wrote to another volume.
            await JobDeletion.DeleteExactAsync(kubernetes, job, cancellationToken);
            throw new MergeJobFailedException(
                $"{ns}/{name}", "NoResult", $"the Job completed but wrote no result file {MergeResultFile.RelativePath(image.Metadata.Name, image.Metadata.Uid)} in the repository");
        }

        return null;
    }

    /// <inheritdoc />
    public Task CommittedAsync(MergeWork work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        var path = MergeResultFile.PathIn(work.RepositoryPath, work.Image.Metadata.Name, work.Image.Metadata.Uid);
        try
        {
            MergeResultFile.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Log.ResultCleanupFailed(logger, path, work.Image.Metadata.NamespaceProperty, work.Image.Metadata.Name, e.Message);
        }

        return Task.CompletedTask;
    }

    private static bool IsOwnedBy(V1Job job, string uid) =>
        job.Metadata.OwnerReferences?.Any(o => o.Controller == true && o.Uid == uid) == true;

    private async Task CreateAsync(MergeWork work, string ns, CancellationToken cancellationToken)
    {
        var endpointName = work.EndpointName ?? throw new InvalidOperationException("The merge has no VSphereEndpoint name (executor Job).");
        var volume = work.RepositoryVolume ?? throw new InvalidOperationException("The merge has no repository volume (executor Job).");
        var endpoint = await client.GetAsync<VSphereEndpoint>(endpointName, ns, cancellationToken)
            ?? throw new InvalidOperationException($"VSphereEndpoint {ns}/{endpointName} does not exist.");
        var layers = work.Layers
            .Select(l => new MergeJobLayer(l.DiskKey, work.Client.Datastores.GetUrl(l.Descriptor), l.WholeChain))
            .ToList();
        var request = new MergeJobRequest(
            work.Image, volume, work.Series, work.ParentManifestId, work.PointInTime, work.CompressionLevel, layers, endpoint, work.Merge);
        var job = MergeJobManifest.Build(request, options);
        try
        {
            await kubernetes.BatchV1.CreateNamespacedJobAsync(job, ns, cancellationToken: cancellationToken);
            Log.JobCreated(logger, ns, job.Metadata.Name, work.Image.Metadata.Name);
            await RecordAsync(work.Image, job.Metadata.Name, RecoveryImageConditions.ReasonJobRunning, $"Merge Job {job.Metadata.Name} runs", cancellationToken);
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.Conflict)
        {
            // Created meanwhile, or a deleted stale Job is still going away: look again on the next poll.
        }
    }

    /// <summary>Records the Job on the image; informational, so a failure is logged and the merge goes on.</summary>
    private async Task RecordAsync(RecoveryImage image, string jobName, string reason, string message, CancellationToken cancellationToken)
    {
        try
        {
            await statusWriter.UpdateStatusAsync(image, i =>
            {
                i.Status ??= new RecoveryImageStatus();
                i.Status.JobName = jobName;
                i.Status.Set(RecoveryImageConditions.Committed, false, reason, message, i.Metadata.Generation, timeProvider);
            }, cancellationToken);
        }
        catch (Exception e) when (e is InvalidOperationException or HttpOperationException)
        {
            Log.JobNotRecorded(logger, image.Metadata.NamespaceProperty, image.Metadata.Name, jobName, e.Message);
        }
    }

    private async Task<V1Job?> ReadAsync(string name, string ns, CancellationToken cancellationToken)
    {
        try
        {
            return await kubernetes.BatchV1.ReadNamespacedJobAsync(name, ns, cancellationToken: cancellationToken);
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }
}
