using k8s.Models;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SnapshotHa.Api.Common;
using SnapshotHa.Api.Failovers;
using SnapshotHa.Api.Policies;
using SnapshotHa.Api.Protection;
using SnapshotHa.Kube.Client;
using SnapshotHa.Kube.Controller;
using SnapshotHa.Kube.LeaderElection;
using SnapshotHa.Kube.Status;
using SnapshotHa.Kube.Watching;
using SnapshotHa.Operator.Controllers.Endpoints;
using SnapshotHa.Vim;
using SnapshotHa.Vim.VirtualMachines;

namespace SnapshotHa.Operator.Controllers.Failovers;

/// <summary>
/// Checks every protected VM each <see cref="FailoverOptions.CheckInterval"/>: reads the VM's state and its host's
/// heartbeat, sets the ProtectedVM's <c>VmHealthy</c> condition, saves the VM's configuration for failovers once,
/// and when a failure persists past the policy's grace period and <c>failover.automatic</c> is on, creates the
/// Failover (deterministic name, owned by the ProtectedVM), which <see cref="FailoverController"/> then carries out.
/// Runs apart from the ProtectedVM controller so that detection does not wait for a protection cycle.
/// </summary>
/// <param name="client">Creates Failovers.</param>
/// <param name="protectedVms">ProtectedVMs from the watch cache.</param>
/// <param name="failovers">Failovers from the watch cache.</param>
/// <param name="policies">SnapshotPolicies from the watch cache.</param>
/// <param name="statusWriter">Writes ProtectedVM and Failover status.</param>
/// <param name="connections">The endpoints' sessions.</param>
/// <param name="heartbeats">The host heartbeat loops.</param>
/// <param name="detector">Remembers what each VM looked like.</param>
/// <param name="options">Check interval.</param>
/// <param name="leadership">Only the leading replica checks.</param>
/// <param name="timeProvider">Clock and timer.</param>
/// <param name="logger">Logs detections.</param>
/// <param name="protectedVmRequeue">Wakes a ProtectedVM whose recorded VM state or host heartbeat is behind.</param>
/// <param name="vmStates">The endpoints' VM state watches (stopped for endpoints no longer checked).</param>
public sealed class FailureWatch(
    IKubernetesClient client,
    CachedEntityReader<ProtectedVM> protectedVms,
    CachedEntityReader<Failover> failovers,
    CachedEntityReader<SnapshotPolicy> policies,
    EntityStatusWriter statusWriter,
    EndpointConnections connections,
    HeartbeatMonitor heartbeats,
    FailureDetector detector,
    FailoverOptions options,
    LeadershipState leadership,
    TimeProvider timeProvider,
    ILogger<FailureWatch> logger,
    EntityRequeuer<ProtectedVM> protectedVmRequeue,
    VmStateWatch vmStates) : BackgroundService
{
    /// <summary>Checks every protected VM once (ProtectedVMs and Failovers as the watch cache holds them).</summary>
    /// <param name="cancellationToken">Stops the check.</param>
    /// <returns>A task that completes when every VM was checked.</returns>
    public async Task CheckAllAsync(CancellationToken cancellationToken)
    {
        var pvms = await protectedVms.ListAsync(null, cancellationToken);
        if (pvms.Count == 0)
        {
            await vmStates.StopAllAsync();
            return;
        }

        var allFailovers = await failovers.ListAsync(null, cancellationToken);
        var lookups = new FailureCheckLookups(policies, connections, vmStates);
        await lookups.PrefetchFactsAsync(pvms.Select(p => (Pvm: p, Moref: WatchedMoref(p)!)).Where(w => w.Moref is not null), cancellationToken);
        foreach (var pvm in pvms)
        {
            try
            {
                await CheckAsync(pvm, allFailovers, lookups, cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                Log.CheckFailed(logger, pvm.Metadata.NamespaceProperty, pvm.Metadata.Name, e.Message);
            }
        }

        await vmStates.RetainAsync(lookups.Endpoints);
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.CheckInterval, timeProvider);
        do
        {
            try
            {
                if (leadership.IsLeading)
                {
                    await CheckAllAsync(stoppingToken);
                }
                else
                {
                    await vmStates.StopAllAsync();
                }
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                Log.CheckFailed(logger, null, "*", e.Message);
            }
        }
        while (await Hosting.PeriodicTicks.NextAsync(timer, stoppingToken));
    }

    /// <summary>The VM to check: from the protection's first look at it, before its first image is committed.</summary>
    private static string? WatchedMoref(ProtectedVM pvm) =>
        pvm.Metadata.DeletionTimestamp is not null ? null : pvm.Status?.RecoveredVm?.Moref ?? pvm.Status?.Vm?.Moref;

    private async Task CheckAsync(ProtectedVM pvm, IReadOnlyList<Failover> failovers, FailureCheckLookups lookups, CancellationToken cancellationToken)
    {
        if (WatchedMoref(pvm) is not { } moref)
        {
            return;
        }

        // A VM a failover moved away from is powered off on purpose; its successor is watched instead.
        var mine = FailoverQueries.Of(failovers, pvm).ToList();
        if (mine.Any(f => FailoverQueries.MovesTheVm(f) && (FailoverQueries.IsActive(f) || f.Status?.SourceVm?.Moref == moref)))
        {
            return;
        }

        var ns = pvm.Metadata.NamespaceProperty;
        var policy = await lookups.Policies.GetAsync(pvm.Spec.PolicyRef.Name, ns, cancellationToken);
        var failoverPolicy = policy?.Spec.Failover ?? new FailoverPolicySpec();
        var grace = GoDuration.TryParse(failoverPolicy.GracePeriod, out var g) ? g : TimeSpan.FromSeconds(30);
        var vim = await lookups.SessionAsync(ns ?? "default", pvm.Spec.EndpointRef.Name, cancellationToken);
        var vmRef = new ManagedObjectReference("VirtualMachine", moref);
        var endpointKey = EntityKey.For(ns ?? "default", pvm.Spec.EndpointRef.Name);
        var facts = await lookups.FactsAsync(vim, endpointKey, vmRef, cancellationToken);
        var now = timeProvider.GetUtcNow();
        var key = FailureDetector.Key(pvm, moref);
        var reportedRunning = pvm.Status.Vm?.Moref == moref && pvm.Status.Vm.PowerState == VmPowerState.PoweredOn;
        var (heartbeat, observation) = Observe(facts);
        if (observation.Failure is { } seen && Decides(seen) && lookups.FromWatch(endpointKey, vmRef))
        {
            // A failover (and a failed VmHealthy) follows only what vSphere answers now, never a watch that may still be
            // behind; a host failure within its grace period decides nothing yet and costs no read.
            facts = await vim.VirtualMachines.GetFactsAsync(vmRef, cancellationToken);
            (heartbeat, observation) = Observe(facts);
        }

        if (Protection.ObservedDrift.IsBehind(pvm, facts, heartbeat))
        {
            protectedVmRequeue.Requeue(pvm);
        }

        var saved = pvm.Status.SavedConfiguration is null && facts.PowerState != VirtualMachinePowerState.Unknown
            ? SavedConfigurations.From(await vim.VirtualMachines.GetHardwareAsync(vmRef, cancellationToken))
            : null;
        if ((observation.Health is { } health && !VmHealthRecord.IsRecorded(pvm, health)) || saved is not null)
        {
            pvm = await statusWriter.UpdateStatusAsync(pvm, p =>
            {
                p.Status ??= new ProtectedVMStatus();
                if (observation.Health is { } h)
                {
                    p.Status.Set(ProtectedVMConditions.VmHealthy, h.Healthy, h.Reason, h.Message, p.Metadata.Generation, timeProvider);
                }

                p.Status.SavedConfiguration ??= saved;
            }, cancellationToken);
        }

        if (observation.Failure is not { } failure)
        {
            return;
        }

        if (pvm.Status.LatestCommittedImage is null)
        {
            // Nothing to restore yet: the failure stands and is acted on once the first image is committed.
            return;
        }

        var name = FailoverNames.Automatic(pvm, moref);
        if (mine.Any(f => f.Metadata.Name == name) || !failoverPolicy.Automatic)
        {
            return;
        }

        if (!Decides(failure))
        {
            return;
        }

        Log.FailureDetected(logger, ns, pvm.Metadata.Name, failure.Reason, failure.Message);
        await CreateFailoverAsync(pvm, name, failure, facts, cancellationToken);
        detector.Forget(key);

        bool Decides(DetectedFailure seen) => !seen.NeedsGracePeriod || now - seen.DetectedTime >= grace;

        (HostHeartbeat? Heartbeat, FailureObservation Observation) Observe(VirtualMachineFacts read)
        {
            var beat = read.Host is { } host ? heartbeats.Host(EntityKey.For(ns, pvm.Spec.EndpointRef.Name), host.Value) : null;
            return (beat, detector.Observe(key, VmObservation.From(read), beat, reportedRunning, grace, now));
        }
    }

    private async Task CreateFailoverAsync(
        ProtectedVM pvm, string name, DetectedFailure failure, VirtualMachineFacts facts, CancellationToken cancellationToken)
    {
        var ns = pvm.Metadata.NamespaceProperty;
        var failover = new Failover
        {
            Metadata = new V1ObjectMeta
            {
                Name = name,
                NamespaceProperty = ns,
                Labels = new Dictionary<string, string> { [FailoverNames.ProtectedVmLabel] = pvm.Metadata.Name },
                OwnerReferences =
                [
                    Kube.Entities.OwnerReferences.To(pvm, controller: false),
                ],
            },
            Spec = new FailoverSpec
            {
                ProtectedVMRef = new LocalObjectReference { Name = pvm.Metadata.Name },
                Type = FailoverType.Unplanned,
                Reason = $"{failure.Reason}: {failure.Message}",
            },
        };
        try
        {
            failover = await client.CreateAsync(failover, cancellationToken);
        }
        catch (k8s.Autorest.HttpOperationException e) when (e.Response.StatusCode == System.Net.HttpStatusCode.Conflict)
        {
            return;
        }

        Log.FailoverCreated(logger, ns, name, pvm.Metadata.Name, failure.Reason);
        await statusWriter.UpdateStatusAsync(failover, f =>
        {
            f.Status ??= new FailoverStatus();
            f.Status.Phase ??= FailoverPhase.Pending;
            f.Status.DetectedTime ??= failure.DetectedTime.UtcDateTime;
            f.Status.DetectionSeconds ??= Math.Round(Math.Max(0, (failure.DetectedTime - failure.FailureTime).TotalSeconds), 3);
            f.Status.SourceVm ??= new RecoveredVm { Name = facts.Name, Moref = facts.Vm.Value, Host = pvm.Status?.Vm?.Host };
        }, cancellationToken);
    }
}
