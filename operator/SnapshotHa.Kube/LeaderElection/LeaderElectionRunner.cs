using k8s;
using k8s.LeaderElection;
using k8s.LeaderElection.ResourceLock;
using Microsoft.Extensions.Logging;
using SnapshotHa.Kube.Hosting;
using SnapshotHa.Kube.Metrics;

namespace SnapshotHa.Kube.LeaderElection;

/// <summary>
/// Competes for the <c>&lt;operator name&gt;-leader</c> Lease with KubernetesClient's <see cref="LeaderElector"/> and
/// runs work only while leading: the work starts on acquisition and is cancelled (and awaited) when renewals fail,
/// after which this instance competes again. A second instance takes over once the lease expires.
/// </summary>
/// <param name="kubernetes">The Kubernetes API client.</param>
/// <param name="settings">Lease name, namespace, identity and durations.</param>
/// <param name="state">Publishes whether this instance leads.</param>
/// <param name="metrics">The leader gauge.</param>
/// <param name="timeProvider">The clock for the pause between election rounds.</param>
/// <param name="logger">The logger.</param>
public sealed class LeaderElectionRunner(
    IKubernetes kubernetes,
    OperatorSettings settings,
    LeadershipState state,
    ControllerMetrics metrics,
    TimeProvider timeProvider,
    ILogger<LeaderElectionRunner> logger)
{
    /// <summary>The identity this instance writes into the Lease.</summary>
    public string Identity { get; } = settings.LeaderElectionIdentity
        ?? $"{Environment.MachineName}_{Guid.NewGuid():N}";

    /// <summary>Runs election rounds until <paramref name="cancellationToken"/> is cancelled.</summary>
    /// <param name="whileLeading">The work; its token is cancelled when leadership is lost.</param>
    /// <param name="cancellationToken">Stops competing (the lease then expires by itself).</param>
    /// <returns>A task that completes after the work stopped.</returns>
    public async Task RunAsync(Func<CancellationToken, Task> whileLeading, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(whileLeading);
        var leaseNamespace = settings.LeaderElectionNamespace ?? PodNamespace.Get();
        var leaseName = $"{settings.Name}-leader";
        while (!cancellationToken.IsCancellationRequested)
        {
            var config = new LeaderElectionConfig(new LeaseLock(kubernetes, leaseNamespace, leaseName, Identity))
            {
                LeaseDuration = settings.LeaderElectionLeaseDuration,
                RenewDeadline = settings.LeaderElectionRenewDeadline,
                RetryPeriod = settings.LeaderElectionRetryPeriod,
            };
            using var elector = new LeaderElector(config);
            using var term = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            Task? work = null;
            elector.OnStartedLeading += () =>
            {
                Log.StartedLeading(logger, leaseNamespace, leaseName, Identity);
                SetLeading(true);
                work = Task.Run(() => whileLeading(term.Token), CancellationToken.None);
            };
            elector.OnStoppedLeading += () =>
            {
                // Stop the watchers and workers at once: another instance may lead as soon as the lease expires.
                term.Cancel();
            };
            elector.OnNewLeader += identity =>
            {
                state.SetCurrentLeader(identity);
                Log.NewLeader(logger, identity, leaseNamespace, leaseName);
            };
            elector.OnError += e => Log.ElectionFailed(logger, e, leaseNamespace, leaseName);
            try
            {
                await elector.RunUntilLeadershipLostAsync(cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // Shutting down.
            }
            catch (Exception e)
            {
                Log.ElectionFailed(logger, e, leaseNamespace, leaseName);
            }
            finally
            {
                await term.CancelAsync();
                if (work is not null)
                {
                    await work;
                    Log.StoppedLeading(logger, leaseNamespace, leaseName);
                    if (cancellationToken.IsCancellationRequested)
                    {
                        await ReleaseAsync(leaseNamespace, leaseName);
                    }
                }

                SetLeading(false);
            }

            if (!cancellationToken.IsCancellationRequested)
            {
                await Task.Delay(settings.LeaderElectionRetryPeriod, timeProvider, cancellationToken)
                    .ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
            }
        }
    }

    /// <summary>
    /// Hands the lease over on shutdown (controller-runtime's ReleaseOnCancel): an empty holder lets the next
    /// instance acquire at once instead of waiting out the lease duration. KubernetesClient's elector treats an
    /// empty (not null) holder as free. Best effort: failures are logged.
    /// </summary>
    private async Task ReleaseAsync(string leaseNamespace, string leaseName)
    {
        // The operator is stopping, so the caller's token is already cancelled: bound the release by its own timeout.
        using var timeout = new CancellationTokenSource(settings.LeaderElectionRenewDeadline, timeProvider);
        try
        {
            var lease = await kubernetes.CoordinationV1.ReadNamespacedLeaseAsync(leaseName, leaseNamespace, cancellationToken: timeout.Token);
            if (lease.Spec is null || lease.Spec.HolderIdentity != Identity)
            {
                return;
            }

            var now = timeProvider.GetUtcNow().UtcDateTime;
            lease.Spec.HolderIdentity = string.Empty;
            lease.Spec.LeaseDurationSeconds = 1;
            lease.Spec.AcquireTime = now;
            lease.Spec.RenewTime = now;
            await kubernetes.CoordinationV1.ReplaceNamespacedLeaseAsync(lease, leaseName, leaseNamespace, cancellationToken: timeout.Token);
            Log.Released(logger, leaseNamespace, leaseName, Identity);
        }
        catch (Exception e)
        {
            Log.ReleaseFailed(logger, e, leaseNamespace, leaseName);
        }
    }

    private void SetLeading(bool leading)
    {
        state.SetLeading(leading);
        metrics.SetLeader(settings.Name, leading);
    }
}
