using System.Globalization;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;

namespace SnapshotHa.Sandbox.Jobs;

/// <summary>
/// Runs one Job to its end like the Job controller with one pod at a time: startTime and active when it starts, a
/// new attempt after each failure (exponential back-off) until <c>spec.backoffLimit</c> failures are exceeded
/// (Failed, BackoffLimitExceeded), the process killed when <c>spec.activeDeadlineSeconds</c> passes (Failed,
/// DeadlineExceeded), Complete with completionTime after an attempt exits with 0.
/// </summary>
/// <param name="kubernetes">The API client.</param>
/// <param name="options">Runner settings.</param>
/// <param name="timeProvider">Clock and delays.</param>
/// <param name="logger">Logs attempts and outcomes.</param>
public sealed class LocalJobExecution(IKubernetes kubernetes, LocalJobRunnerOptions options, TimeProvider timeProvider, ILogger logger)
{
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(10);
    private readonly JobStatusUpdater _status = new(kubernetes);

    /// <summary>Runs <paramref name="job"/>; returns when it is Complete or Failed, or when cancelled (Job deleted, runner stopped).</summary>
    /// <param name="job">The Job as listed.</param>
    /// <param name="cancellationToken">Kills the running attempt.</param>
    /// <returns>A task that completes when the Job finished.</returns>
    public async Task RunAsync(V1Job job, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        var ns = job.Metadata.NamespaceProperty ?? "default";
        var name = job.Metadata.Name;
        var uid = job.Metadata.Uid;
        var now = timeProvider.GetUtcNow().UtcDateTime;
        var started = job.Status?.StartTime ?? now;
        var failed = job.Status?.Failed ?? 0;
        var backoffLimit = job.Spec.BackoffLimit ?? 6;
        var deadline = job.Spec.ActiveDeadlineSeconds is { } seconds ? started.AddSeconds(seconds) : (DateTime?)null;
        var directory = Path.Combine(options.WorkDirectory, $"{ns}_{name}_{uid[..Math.Min(8, uid.Length)]}");
        Directory.CreateDirectory(directory);
        var logPath = Path.Combine(options.WorkDirectory, $"{ns}_{name}.log");
        if (await _status.UpdateAsync(ns, name, uid, s => s.StartTime ??= started, cancellationToken) is null)
        {
            return;
        }

        while (true)
        {
            using var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            if (deadline is { } end)
            {
                var left = end - timeProvider.GetUtcNow().UtcDateTime;
                attempt.CancelAfter(left > TimeSpan.Zero ? left : TimeSpan.Zero);
            }

            var exitCode = await RunAttemptAsync(job, failed + 1, directory, logPath, attempt.Token);
            cancellationToken.ThrowIfCancellationRequested();
            if (exitCode is null)
            {
                await FinishAsync(job, s => s.Failed = failed + 1, "Failed", "DeadlineExceeded", "Job was active longer than specified deadline", cancellationToken);
                return;
            }

            if (exitCode == 0)
            {
                await FinishAsync(job, s => s.Succeeded = 1, "Complete", "Completed", "Job completed", cancellationToken);
                return;
            }

            failed++;
            if (failed > backoffLimit)
            {
                await FinishAsync(job, s => s.Failed = failed, "Failed", "BackoffLimitExceeded", "Job has reached the specified backoff limit", cancellationToken);
                return;
            }

            if (await _status.UpdateAsync(ns, name, uid, s => { s.Active = null; s.Failed = failed; }, cancellationToken) is null)
            {
                return;
            }

            var backoff = TimeSpan.FromTicks(Math.Min(MaxBackoff.Ticks, options.RetryBackoff.Ticks << Math.Min(failed - 1, 16)));
            if (deadline is { } limit && timeProvider.GetUtcNow().UtcDateTime + backoff > limit)
            {
                backoff = limit - timeProvider.GetUtcNow().UtcDateTime;
            }

            await Task.Delay(backoff > TimeSpan.Zero ? backoff : TimeSpan.Zero, timeProvider, cancellationToken);
        }
    }

    /// <summary>Runs one attempt; returns its exit code, or null when the deadline killed it.</summary>
    private async Task<int?> RunAttemptAsync(V1Job job, int number, string directory, string logPath, CancellationToken cancellationToken)
    {
        var ns = job.Metadata.NamespaceProperty;
        var name = job.Metadata.Name;
        try
        {
            await _status.UpdateAsync(ns ?? "default", name, job.Metadata.Uid, s => s.Active = 1, cancellationToken);
            var command = await JobCommandResolver.ResolveAsync(job, kubernetes, options, directory, cancellationToken);
            var shown = string.Join(' ', command.Arguments.Prepend(command.FileName));
            Log.AttemptStarted(logger, number, ns, name, shown);
            await File.AppendAllTextAsync(
                logPath, string.Create(CultureInfo.InvariantCulture, $"--- attempt {number} at {timeProvider.GetUtcNow():O}: {shown}\n"), cancellationToken);
            return await LocalJobProcess.RunAsync(command, logPath, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return null;
        }
        catch (Exception e) when (e is InvalidOperationException or IOException or System.ComponentModel.Win32Exception)
        {
            // Like a pod that cannot start (bad reference, missing executable): a failed attempt.
            Log.RunFailed(logger, ns, name, e.Message);
            await File.AppendAllTextAsync(logPath, $"--- attempt {number} could not start: {e.Message}\n", CancellationToken.None);
            return 128;
        }
    }

    private async Task FinishAsync(
        V1Job job, Action<V1JobStatus> counts, string condition, string reason, string message, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow().UtcDateTime;
        await _status.UpdateAsync(job.Metadata.NamespaceProperty ?? "default", job.Metadata.Name, job.Metadata.Uid, s =>
        {
            counts(s);
            s.Active = null;
            if (condition == "Complete")
            {
                s.CompletionTime = now;
            }

            JobStatusUpdater.SetCondition(s, condition, reason, message, now);
        }, cancellationToken);
        Log.Finished(logger, job.Metadata.NamespaceProperty, job.Metadata.Name, condition, reason);
    }
}
