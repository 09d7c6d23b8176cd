using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;
using SnapshotHa.Kube.Client;
using SnapshotHa.Kube.Controller;
using SnapshotHa.Kube.Metrics;
using SnapshotHa.Kube.Queue;
using SnapshotHa.Kube.Reconciliation;
using SnapshotHa.Kube.Watching;

namespace SnapshotHa.Kube.Hosting;

/// <summary>
/// Runs one controller: the watcher feeds keys into a fresh work queue per run, and
/// <see cref="OperatorSettings.MaxConcurrentReconciles"/> workers take keys (never one key on two workers) through
/// the <see cref="EntityReconciler{TEntity}"/> and act on the outcome.
/// </summary>
/// <typeparam name="TEntity">The entity kind.</typeparam>
/// <param name="watcher">The list-then-watch loop.</param>
/// <param name="reconciler">The reconcile pipeline.</param>
/// <param name="requeuer">Lets other components queue entities of this kind while the controller runs.</param>
/// <param name="settings">Workers, strategy and retry delays.</param>
/// <param name="timeProvider">The queue's clock.</param>
/// <param name="metrics">Reconcile and queue metrics.</param>
/// <param name="logger">The logger.</param>
public sealed class ControllerRuntime<TEntity>(
    ResourceWatcher<TEntity> watcher,
    EntityReconciler<TEntity> reconciler,
    EntityRequeuer<TEntity> requeuer,
    OperatorSettings settings,
    TimeProvider timeProvider,
    ControllerMetrics metrics,
    ILogger<ControllerRuntime<TEntity>> logger) : IControllerRuntime
    where TEntity : IKubernetesObject<V1ObjectMeta>
{
    private WorkQueue<string>? _queue;

    /// <inheritdoc />
    public string Name { get; } = EntityMetadata.For<TEntity>().Kind.ToLowerInvariant();

    /// <inheritdoc />
    public int PendingCount => Volatile.Read(ref _queue)?.PendingCount ?? 0;

    /// <inheritdoc />
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var limiter = new ExponentialFailureRateLimiter<string>(
            settings.ReconcileRetryBaseDelay, settings.ReconcileRetryMaxDelay);
        using var queue = new WorkQueue<string>(timeProvider, limiter, metrics.ForQueue(Name));
        Volatile.Write(ref _queue, queue);
        requeuer.Attach(queue);
        Log.ControllerStarted(logger, Name, settings.MaxConcurrentReconciles);
        var watch = watcher.RunAsync(e => OnEvent(queue, e), cancellationToken);
        var workers = Enumerable.Range(0, settings.MaxConcurrentReconciles)
            .Select(_ => Task.Run(() => WorkAsync(queue, cancellationToken), CancellationToken.None))
            .ToList();
        try
        {
            await Task.Delay(Timeout.InfiniteTimeSpan, timeProvider, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping: fall through to the drain.
        }
        finally
        {
            requeuer.Attach(null);
            queue.Clear();
            queue.ShutDown();
            await watch;
            await Task.WhenAll(workers);
            Volatile.Write(ref _queue, null);
            Log.ControllerStopped(logger, Name);
        }
    }

    private void OnEvent(WorkQueue<string> queue, EntityEvent<TEntity> change)
    {
        if (ShouldReconcile(change))
        {
            queue.Add(EntityKey.For(change.Entity));
        }
    }

    private bool ShouldReconcile(EntityEvent<TEntity> change)
    {
        if (change.Type != WatchEventType.Modified
            || change.Previous is null
            || settings.ReconcileStrategy == ReconcileStrategy.ByResourceVersion)
        {
            return true;
        }

        var before = change.Previous.Metadata;
        var after = change.Entity.Metadata;
        return after.Generation is null
            || before.Generation != after.Generation
            || before.DeletionTimestamp != after.DeletionTimestamp;
    }

    private async Task WorkAsync(WorkQueue<string> queue, CancellationToken cancellationToken)
    {
        while (true)
        {
            string? key;
            try
            {
                key = await queue.GetAsync(cancellationToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            if (key is null)
            {
                return;
            }

            try
            {
                await ProcessAsync(queue, key, cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // Stopping: the key is dropped with the queue; the next leader relists.
            }
            catch (Exception e)
            {
                // The pipeline turns controller errors into outcomes; anything else must not kill the worker.
                Log.ReconcileFailed(logger, e, Name, key, queue.NumRequeues(key) + 1);
                queue.AddRateLimited(key);
            }
            finally
            {
                queue.Done(key);
            }
        }
    }

    private async Task ProcessAsync(WorkQueue<string> queue, string key, CancellationToken cancellationToken)
    {
        var started = timeProvider.GetTimestamp();
        var outcome = await reconciler.ReconcileAsync(key, cancellationToken);
        var elapsed = timeProvider.GetElapsedTime(started);
        switch (outcome.Kind)
        {
            case ReconcileOutcomeKind.Success:
                queue.Forget(key);
                metrics.ObserveReconcile(Name, ReconcileResultLabels.Success, elapsed);
                break;
            case ReconcileOutcomeKind.RequeueAfter when outcome.Delay is not { Ticks: > 0 }:
                // A zero delay continues multi-step work: the key runs again ahead of the other queued keys.
                queue.Forget(key);
                queue.AddNext(key);
                metrics.ObserveReconcile(Name, ReconcileResultLabels.RequeueAfter, elapsed);
                break;
            case ReconcileOutcomeKind.RequeueAfter:
                // The finished reconcile's wish replaces a due time left by an earlier one (e.g. before a spec change).
                queue.Forget(key);
                queue.Reschedule(key, outcome.Delay ?? TimeSpan.Zero);
                metrics.ObserveReconcile(Name, ReconcileResultLabels.RequeueAfter, elapsed);
                break;
            case ReconcileOutcomeKind.Conflict:
                queue.Add(key);
                metrics.ObserveReconcile(Name, ReconcileResultLabels.Requeue, elapsed);
                break;
            default:
                Log.ReconcileFailed(logger, outcome.Error, Name, key, queue.NumRequeues(key) + 1);
                if (outcome.Delay is { } delay)
                {
                    queue.AddAfter(key, delay);
                }
                else
                {
                    queue.AddRateLimited(key);
                }

                metrics.ObserveReconcile(Name, ReconcileResultLabels.Error, elapsed);
                break;
        }
    }
}
