using System.Collections.Concurrent;
using System.Net;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using SnapshotHa.Kube.Client;

namespace SnapshotHa.Sandbox.Jobs;

/// <summary>
/// The sandbox's stand-in for the Job controller and kubelet: watches batch/v1 Jobs on the API server and runs each
/// unfinished Job's container as a local process (<see cref="JobCommandResolver"/>, <see cref="LocalJobExecution"/>),
/// deletes finished Jobs whose <c>ttlSecondsAfterFinished</c> expired, kills the process of a deleted Job, and stops
/// all processes when disposed.
/// </summary>
public sealed class LocalJobRunner : IAsyncDisposable
{
    private readonly IKubernetes _kubernetes;
    private readonly LocalJobRunnerOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<string, (CancellationTokenSource Stop, Task<bool> Run)> _running = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<JobRunRecord> _started = new();
    private readonly CancellationTokenSource _stop = new();
    private Task? _loop;
    private bool _disposed;

    /// <summary>Initializes a new instance of the <see cref="LocalJobRunner"/> class.</summary>
    /// <param name="kubernetes">The API server's client.</param>
    /// <param name="options">Command mapping, directories and delays.</param>
    /// <param name="timeProvider">Clock.</param>
    /// <param name="logger">Logs attempts and outcomes; null for none.</param>
    public LocalJobRunner(IKubernetes kubernetes, LocalJobRunnerOptions options, TimeProvider timeProvider, ILogger? logger)
    {
        ArgumentNullException.ThrowIfNull(kubernetes);
        ArgumentNullException.ThrowIfNull(options);
        _kubernetes = kubernetes;
        _options = options;
        _timeProvider = timeProvider ?? TimeProvider.System;
        _logger = logger ?? NullLogger.Instance;
    }

    /// <summary>Gets every Job the runner started running, in order (a Job resumed after a runner restart counts again).</summary>
    public IReadOnlyList<JobRunRecord> Started => [.. _started];

    /// <summary>Gets the per-Job log file of <paramref name="ns"/>/<paramref name="name"/>.</summary>
    /// <param name="ns">The Job's namespace.</param>
    /// <param name="name">The Job's name.</param>
    public string LogPath(string ns, string name) => Path.Combine(_options.WorkDirectory, $"{ns}_{name}.log");

    /// <summary>Starts watching; returns at once.</summary>
    /// <exception cref="InvalidOperationException">Already started.</exception>
    public void Start()
    {
        if (_loop is not null)
        {
            throw new InvalidOperationException("The Job runner is already started.");
        }

        Directory.CreateDirectory(_options.WorkDirectory);
        _loop = Task.Run(() => LoopAsync(_stop.Token));
    }

    /// <summary>Stops watching and kills every running process; a second call does nothing.</summary>
    /// <returns>A task that completes when every process exited.</returns>
    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        await _stop.CancelAsync();
        if (_loop is not null)
        {
            await _loop;
        }

        foreach (var (stop, _) in _running.Values)
        {
            await stop.CancelAsync();
        }

        await Task.WhenAll(_running.Values.Select(r => r.Run));
        foreach (var (stop, _) in _running.Values)
        {
            stop.Dispose();
        }

        _running.Clear();
        _stop.Dispose();
    }

    private static bool IsFinished(V1Job job) =>
        job.Status?.Conditions?.Any(c => c.Type is "Complete" or "Failed" && c.Status == "True") == true;

    private async Task LoopAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                var list = await _kubernetes.BatchV1.ListJobForAllNamespacesAsync(cancellationToken: cancellationToken);
                await ReconcileAsync(list.Items, cancellationToken);
                await WaitForChangeAsync(list.Metadata.ResourceVersion, cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                // API server unreachable, a request timed out, an unreadable event: list again after a pause.
                Log.WatchFailed(_logger, e.Message);
                await Task.Delay(_options.ResyncInterval, _timeProvider, cancellationToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }

    /// <summary>Returns at the first change after <paramref name="resourceVersion"/>, or after the resync interval.</summary>
    private async Task WaitForChangeAsync(string resourceVersion, CancellationToken cancellationToken)
    {
        using var resync = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        resync.CancelAfter(_options.ResyncInterval);
        try
        {
            var watch = _kubernetes.BatchV1.WatchListJobForAllNamespacesAsync(
                resourceVersion: resourceVersion,
                timeoutSeconds: (int)Math.Ceiling(_options.ResyncInterval.TotalSeconds),
                cancellationToken: resync.Token);
            await foreach (var (type, _) in watch)
            {
                if (type != WatchEventType.Bookmark)
                {
                    return;
                }
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // Resync interval passed.
        }
    }

    private async Task ReconcileAsync(IList<V1Job> jobs, CancellationToken cancellationToken)
    {
        var listed = jobs.ToDictionary(j => j.Metadata.Uid, StringComparer.Ordinal);
        foreach (var (uid, run) in _running)
        {
            // A run that wrote the Job's final status stays known until a list shows that status: a list read while
            // the run was finishing still shows the Job active and must not start it a second time.
            if (run.Run.IsCompleted && (!run.Run.Result || !listed.TryGetValue(uid, out var job) || IsFinished(job)))
            {
                _running.TryRemove(uid, out _);
                run.Stop.Dispose();
            }
            else if (!run.Run.IsCompleted && !listed.ContainsKey(uid))
            {
                // Deleted while running: kill its process, as deleting a Job deletes its pod.
                await run.Stop.CancelAsync();
            }
        }

        foreach (var job in jobs)
        {
            if (IsFinished(job))
            {
                await ExpireAsync(job, cancellationToken);
            }
            else if (job.Metadata.DeletionTimestamp is null && !_running.ContainsKey(job.Metadata.Uid))
            {
                Start(job);
            }
        }
    }

    private void Start(V1Job job)
    {
        var stop = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
        var execution = new LocalJobExecution(_kubernetes, _options, _timeProvider, _logger);
        _started.Enqueue(new JobRunRecord(job.Metadata.NamespaceProperty ?? "default", job.Metadata.Name, job.Metadata.Uid));
        var run = Task.Run(async () =>
        {
            try
            {
                await execution.RunAsync(job, stop.Token);
                return true;
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                // Deleted or runner stopped.
                return false;
            }
            catch (Exception e) when (e is not OperationCanceledException || !stop.IsCancellationRequested)
            {
                // The next resync starts it again.
                Log.RunFailed(_logger, job.Metadata.NamespaceProperty, job.Metadata.Name, e.Message);
                return false;
            }
        });
        _running[job.Metadata.Uid] = (stop, run);
    }

    private async Task ExpireAsync(V1Job job, CancellationToken cancellationToken)
    {
        if (job.Spec.TtlSecondsAfterFinished is not { } ttl)
        {
            return;
        }

        var finished = job.Status?.CompletionTime
            ?? job.Status?.Conditions?.Where(c => c.Status == "True").Max(c => c.LastTransitionTime);
        if (finished is null || finished.Value.AddSeconds(ttl) > _timeProvider.GetUtcNow().UtcDateTime)
        {
            return;
        }

        // Deleted or replaced meanwhile: nothing to expire.
        if (await JobDeletion.DeleteExactAsync(_kubernetes, job, cancellationToken))
        {
            Log.TtlExpired(_logger, job.Metadata.NamespaceProperty, job.Metadata.Name);
        }
    }
}
