using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SnapshotHa.Api.Policies;
using SnapshotHa.Api.Protection;
using SnapshotHa.Kube.Client;
using SnapshotHa.Kube.Controller;
using SnapshotHa.Kube.LeaderElection;
using SnapshotHa.Kube.Watching;
using SnapshotHa.Operator.Controllers.Endpoints;
using SnapshotHa.Operator.Controllers.Policies;
using SnapshotHa.Operator.Policies;
using SnapshotHa.Vim;

namespace SnapshotHa.Operator.Controllers.Protection;

/// <summary>
/// Looks at the running delta of every ProtectedVM whose DeltaThreshold policy waits for it to grow, every
/// <see cref="DeltaThresholdStrategy.PollInterval"/>, with one property retrieval per VSphereEndpoint (instead of one
/// reconcile and one retrieval per VM), and wakes the ProtectedVMs whose strategy now says a snapshot is due. VMs
/// between cycles are otherwise only reconciled when their next snapshot or RPO deadline comes, or when something
/// about them changes.
/// </summary>
/// <param name="protectedVms">ProtectedVMs from the watch cache.</param>
/// <param name="policies">SnapshotPolicies from the watch cache.</param>
/// <param name="connections">The endpoints' sessions.</param>
/// <param name="requeue">Wakes the ProtectedVMs that are due.</param>
/// <param name="leadership">Only the leading replica polls.</param>
/// <param name="timeProvider">Clock and timer.</param>
/// <param name="logger">Logs failed polls.</param>
public sealed class DeltaPoller(
    CachedEntityReader<ProtectedVM> protectedVms,
    CachedEntityReader<SnapshotPolicy> policies,
    EndpointConnections connections,
    EntityRequeuer<ProtectedVM> requeue,
    LeadershipState leadership,
    TimeProvider timeProvider,
    ILogger<DeltaPoller> logger) : BackgroundService
{
    /// <summary>Polls once: reads the deltas of the waiting VMs and wakes the due ones.</summary>
    /// <param name="cancellationToken">Stops the poll.</param>
    /// <returns>How many ProtectedVMs were woken.</returns>
    public async Task<int> PollAsync(CancellationToken cancellationToken)
    {
        var waiting = new List<(ProtectedVM Pvm, ScheduleSettings Schedule, ManagedObjectReference Vm)>();
        var now = timeProvider.GetUtcNow();
        foreach (var pvm in await protectedVms.ListAsync(null, cancellationToken))
        {
            if (await WaitingForDeltaAsync(pvm, now, cancellationToken) is { } entry)
            {
                waiting.Add(entry);
            }
        }

        var woken = 0;
        foreach (var endpoint in waiting.GroupBy(w => (Ns: w.Pvm.Metadata.NamespaceProperty ?? "default", w.Pvm.Spec.EndpointRef.Name)))
        {
            try
            {
                var vim = await connections.GetAsync(endpoint.Key.Ns, endpoint.Key.Name, cancellationToken);
                var facts = await vim.VirtualMachines.GetFactsAsync([.. endpoint.Select(w => w.Vm).Distinct()], cancellationToken);
                foreach (var (pvm, schedule, vm) in endpoint)
                {
                    if (!facts.TryGetValue(vm, out var vmFacts)
                        || CycleSchedule.Decide(pvm, schedule, vmFacts.RunningDeltaBytes, timeProvider.GetUtcNow()).SnapshotNow)
                    {
                        woken += requeue.Requeue(pvm) ? 1 : 0;
                    }
                }
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                // One VM gone or the endpoint down: each ProtectedVM's own reconcile reports its problem.
                Log.DeltaPollFailed(logger, endpoint.Key.Ns, endpoint.Key.Name, e.Message);
                foreach (var (pvm, _, _) in endpoint)
                {
                    woken += requeue.Requeue(pvm) ? 1 : 0;
                }
            }
        }

        return woken;
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(DeltaThresholdStrategy.PollInterval, timeProvider);
        while (await Hosting.PeriodicTicks.NextAsync(timer, stoppingToken))
        {
            try
            {
                if (leadership.IsLeading)
                {
                    await PollAsync(stoppingToken);
                }
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                Log.DeltaPollFailed(logger, null, "*", e.Message);
            }
        }
    }

    private async Task<(ProtectedVM, ScheduleSettings, ManagedObjectReference)?> WaitingForDeltaAsync(
        ProtectedVM pvm, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (pvm.Spec.Paused || pvm.Metadata.DeletionTimestamp is not null || pvm.Status is not { Cycle: null, Vm.Moref: { } moref })
        {
            return null;
        }

        var policy = await policies.GetAsync(pvm.Spec.PolicyRef.Name, pvm.Metadata.NamespaceProperty, cancellationToken);
        if (policy is null || policy.Spec.Schedule.Mode != Api.Policies.ScheduleMode.DeltaThreshold)
        {
            return null;
        }

        ScheduleSettings schedule;
        try
        {
            schedule = PolicySchedule.From(policy.Spec);
        }
        catch (FormatException)
        {
            return null;
        }

        // Only VMs whose strategy waits for the delta: not due anyway, not before the minimum interval.
        var decision = CycleSchedule.Decide(pvm, schedule, 0, now);
        return decision.WatchesDelta ? (pvm, schedule, new ManagedObjectReference("VirtualMachine", moref)) : null;
    }
}
