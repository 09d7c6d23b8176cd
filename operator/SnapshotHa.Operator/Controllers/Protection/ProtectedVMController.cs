using Microsoft.Extensions.Logging;
using SnapshotHa.Api.Common;
using SnapshotHa.Api.Protection;
using SnapshotHa.Kube.Controller;
using SnapshotHa.Kube.Reconciliation;
using SnapshotHa.Kube.Status;
using SnapshotHa.Operator.Controllers.Endpoints;
using SnapshotHa.Operator.Hosting;
using SnapshotHa.Operator.Policies;
using SnapshotHa.Operator.Telemetry;

namespace SnapshotHa.Operator.Controllers.Protection;

/// <summary>
/// The protection cycle of DESIGN §4 for one ProtectedVM: seed image #0, then per policy tick create our snapshot,
/// ship and merge its frozen layer into a new RecoveryImage, commit it, remove the previous snapshot, prune. The
/// step in progress is in <c>status.cycle</c>, every step is idempotent, so a restarted operator resumes there. Each
/// reconcile runs one step; between cycles a VM is looked at when its next snapshot or RPO deadline comes, when the
/// delta poller, a policy, a failover or the failure checks wake it, and at most every
/// <see cref="ProtectionOptions.IdleRequeue"/>; a reconcile that changes nothing writes nothing.
/// </summary>
/// <param name="resolver">Resolves policy, session and VM.</param>
/// <param name="snapshotStep">Step 1.</param>
/// <param name="mergeStep">Step 2.</param>
/// <param name="removeStep">Step 3.</param>
/// <param name="pruneStep">Step 4.</param>
/// <param name="lostSnapshotRestart">Restarts a cycle whose snapshot was deleted.</param>
/// <param name="heartbeats">Host heartbeats for the HeartbeatHealthy condition.</param>
/// <param name="failoverGate">Holds cycles while a failover moves the VM.</param>
/// <param name="statusWriter">Writes status.</param>
/// <param name="options">Requeue and retry delays.</param>
/// <param name="timeProvider">Clock.</param>
/// <param name="metrics">Protection metrics.</param>
/// <param name="tracing">Cycle traces.</param>
/// <param name="logger">Logs step failures.</param>
/// <param name="hostSlots">Bounds the snapshot tasks per host.</param>
/// <param name="failureDetector">Learns from every direct read that the VM runs (a crash right after it is a crash).</param>
public sealed class ProtectedVMController(
    ProtectionContextResolver resolver,
    CreateSnapshotStep snapshotStep,
    ShipAndMergeStep mergeStep,
    RemovePreviousSnapshotsStep removeStep,
    PruneStep pruneStep,
    LostSnapshotRestart lostSnapshotRestart,
    HeartbeatMonitor heartbeats,
    Failovers.FailoverGate failoverGate,
    EntityStatusWriter statusWriter,
    ProtectionOptions options,
    TimeProvider timeProvider,
    ProtectionMetrics metrics,
    ProtectionTracing tracing,
    ILogger<ProtectedVMController> logger,
    HostTaskSlots hostSlots,
    Failovers.FailureDetector failureDetector) : IEntityController<ProtectedVM>
{
    // Looks just after the RPO deadline, so that the condition is seen missed rather than about to be.
    private static readonly TimeSpan RpoDeadlineMargin = TimeSpan.FromSeconds(1);

    /// <inheritdoc />
    public async Task<ReconciliationResult<ProtectedVM>> ReconcileAsync(ProtectedVM entity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entity);
        ProtectionContext context;
        try
        {
            context = await resolver.ResolveAsync(entity, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            var reason = e is ProtectionNotReadyException n ? n.Reason : "VmUnreachable";
            var failed = await WriteAsync(entity, p => NotReady(p, reason, e.Message), cancellationToken);
            return ReconciliationResult<ProtectedVM>.Success(failed, options.RetryDelay);
        }

        var heartbeat = context.Facts.Host is { } host ? heartbeats.Host(context.EndpointKey, host.Value) : null;
        // Between cycles the schedule is decided first, so that a VM not due gets its next check time in the same status
        // write as the observed facts (one write per idle requeue instead of two).
        var early = entity.Status is { Cycle: null } && !entity.Spec.Paused ? Decide(context with { Pvm = entity }) : null;
        var pvm = await WriteAsync(entity, p =>
        {
            ProtectionStatus.Observe(p, context, heartbeat, timeProvider);
            if (early is { SnapshotNow: false } notDue)
            {
                p.Status.NextSnapshotTime = notDue.PlannedAt.UtcDateTime;
            }
        }, cancellationToken);
        metrics.Observed(pvm, ProtectionStatus.RpoTarget(context.Policy), context.Schedule.Interval);
        if (Failovers.VmObservation.From(context.Facts) is { PowerState: Vim.VirtualMachines.VirtualMachinePowerState.PoweredOn, Connected: true })
        {
            failureDetector.SeenRunning(Failovers.FailureDetector.Key(pvm, context.Facts.Vm.Value), timeProvider.GetUtcNow());
        }

        var failoverHold = await failoverGate.CheckAsync(pvm, cancellationToken);
        if (failoverHold == Failovers.FailoverHold.Hold)
        {
            return ReconciliationResult<ProtectedVM>.Success(pvm, options.RetryDelay);
        }

        if (pvm.Status.Cycle is null)
        {
            if (pvm.Spec.Paused)
            {
                pvm = await WriteAsync(pvm, p =>
                {
                    p.Status.Phase = ProtectedVMPhase.Paused;
                    p.Status.NextSnapshotTime = null;
                    p.Status.Set(ProtectedVMConditions.Ready, false, ProtectedVMConditions.ReasonPaused, "spec.paused is true: no new cycles start", p.Metadata.Generation, timeProvider);
                }, cancellationToken);
                return ReconciliationResult<ProtectedVM>.Success(pvm, options.IdleRequeue);
            }

            var decision = early ?? Decide(context with { Pvm = pvm });
            if (failoverHold == Failovers.FailoverHold.FinalSnapshot)
            {
                decision = decision with { SnapshotNow = true, Reason = "FinalSnapshot" };
            }

            if (!decision.SnapshotNow)
            {
                if (!ReferenceEquals(decision, early))
                {
                    pvm = await WriteAsync(pvm, p => p.Status.NextSnapshotTime = decision.PlannedAt.UtcDateTime, cancellationToken);
                }

                return ReconciliationResult<ProtectedVM>.Success(pvm, IdleDelay(decision, context with { Pvm = pvm }));
            }

            var sequence = pvm.Status.LatestCommittedImage is { } latest ? latest.Sequence + 1 : 0;
            var cycle = new CycleProgress
            {
                Id = OurSnapshots.CycleId(pvm, sequence),
                Step = CycleStep.CreatingSnapshot,
                Sequence = sequence,
                SnapshotName = OurSnapshots.Name(pvm, sequence),
                ImageName = RecoveryImageNames.For(pvm, sequence),
                StartedTime = timeProvider.GetUtcNow().UtcDateTime,
            };
            cycle = cycle with { TraceParent = tracing.StartCycle(pvm, cycle) };
            pvm = await WriteAsync(pvm, p =>
            {
                p.Status.Cycle = cycle;
                p.Status.Phase = p.Status.LatestCommittedImage is null ? ProtectedVMPhase.Seeding : p.Status.Phase ?? ProtectedVMPhase.Protected;
                if (p.Status.LatestCommittedImage is null)
                {
                    p.Status.Set(ProtectedVMConditions.Seeded, false, ProtectedVMConditions.ReasonSeeding, "Seeding image #0 from the base disks", p.Metadata.Generation, timeProvider);
                }
            }, cancellationToken);
        }

        return await RunCycleAsync(context with { Pvm = pvm }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<ReconciliationResult<ProtectedVM>> DeletedAsync(ProtectedVM entity, CancellationToken cancellationToken)
    {
        metrics.Deleted(entity);
        tracing.Deleted(entity);
        return Task.FromResult(ReconciliationResult<ProtectedVM>.Success(entity));
    }

    private async Task<ReconciliationResult<ProtectedVM>> RunCycleAsync(ProtectionContext context, CancellationToken cancellationToken)
    {
        var pvm = context.Pvm;
        if (pvm.Status.Cycle is { } cycle)
        {
            using var span = tracing.StartStep(pvm, cycle);
            try
            {
                pvm = cycle.Step switch
                {
                    CycleStep.CreatingSnapshot => await CreateSnapshotAsync(context, cycle, cancellationToken),
                    CycleStep.ShippingAndMerging => await ShipAndMergeAsync(context, cycle, cancellationToken),
                    CycleStep.RemovingPreviousSnapshot => await RemovePreviousAsync(context, cycle, cancellationToken),
                    _ => await FinishAsync(context, cycle, cancellationToken),
                };
            }
            catch (HostBusyException)
            {
                span?.SetTag("snapshotha.host_busy", true);
                return ReconciliationResult<ProtectedVM>.Success(pvm, options.HostBusyDelay);
            }
            catch (SnapshotLostException lost)
            {
                ProtectionTracing.Failed(span, lost);
                var message = await lostSnapshotRestart.PrepareAsync(pvm, cycle, lost, cancellationToken);
                pvm = await WriteAsync(pvm, p =>
                {
                    p.Status.Cycle = cycle with { Step = CycleStep.CreatingSnapshot, StartedTime = timeProvider.GetUtcNow().UtcDateTime };
                    NotReady(p, ProtectedVMConditions.ReasonSnapshotLost, message);
                }, cancellationToken);
                return ReconciliationResult<ProtectedVM>.Success(pvm, options.RetryDelay);
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                Log.StepFailed(logger, pvm.Metadata.NamespaceProperty, pvm.Metadata.Name, cycle.Step.ToString(), e.Message);
                ProtectionTracing.Failed(span, e);
                metrics.StepFailed(pvm, cycle.Step);
                pvm = await WriteAsync(pvm, p => NotReady(p, ProtectedVMConditions.ReasonCycleFailed, $"Cycle {cycle.Id} step {cycle.Step} failed (retrying): {e.Message}"), cancellationToken);
                return ReconciliationResult<ProtectedVM>.Success(pvm, options.RetryDelay);
            }

            if (pvm.Status.Cycle?.Step == cycle.Step && pvm.Status.Cycle.Id == cycle.Id)
            {
                // The merge runs elsewhere (executor Job): look again later.
                return ReconciliationResult<ProtectedVM>.Success(pvm, options.RetryDelay);
            }

            if (pvm.Status.Cycle is not null)
            {
                // One step per reconcile: the next step runs in a new pass right away (behind the keys already queued),
                // on freshly read facts, so that no reconcile holds a worker for a whole cycle.
                return ReconciliationResult<ProtectedVM>.Success(pvm, TimeSpan.Zero);
            }
        }

        var next = Decide(context with { Pvm = pvm });
        pvm = await WriteAsync(pvm, p => p.Status.NextSnapshotTime = next.PlannedAt.UtcDateTime, cancellationToken);
        return ReconciliationResult<ProtectedVM>.Success(pvm, IdleDelay(next, context with { Pvm = pvm }));
    }

    private async Task<ProtectedVM> CreateSnapshotAsync(ProtectionContext context, CycleProgress cycle, CancellationToken cancellationToken)
    {
        var committed = context.Pvm.Status.LatestCommittedImage is { } latest ? OurSnapshots.Name(context.Pvm, latest.Sequence) : null;
        SnapshotRecord record;
        using (HostSlot(context))
        {
            record = await snapshotStep.RunAsync(context, cycle, committed, cancellationToken);
        }

        return await WriteAsync(context.Pvm, p =>
        {
            p.Status.LastSnapshot = record;
            p.Status.Cycle = cycle with { Step = CycleStep.ShippingAndMerging };
        }, cancellationToken);
    }

    private async Task<ProtectedVM> ShipAndMergeAsync(ProtectionContext context, CycleProgress cycle, CancellationToken cancellationToken)
    {
        var snapshot = context.Pvm.Status.LastSnapshot is { } last && last.Name == cycle.SnapshotName
            ? last
            : throw new InvalidOperationException($"status.lastSnapshot does not describe {cycle.SnapshotName}");
        var image = await mergeStep.RunAsync(context, cycle, snapshot, cancellationToken);
        if (image is null)
        {
            return context.Pvm;
        }

        return await WriteAsync(context.Pvm, p =>
        {
            p.Status.LatestCommittedImage = new ImageReference
            {
                Name = image.Metadata.Name,
                Sequence = image.Spec.Sequence,
                PointInTime = image.Spec.PointInTime,
            };
            p.Status.Cycle = cycle with { Step = CycleStep.RemovingPreviousSnapshot };
            p.Status.Set(ProtectedVMConditions.Seeded, true, ProtectedVMConditions.ReasonSeedCommitted, "Image #0 is committed", p.Metadata.Generation, timeProvider);
            ProtectionStatus.UpdateRpo(p, context, timeProvider);
        }, cancellationToken);
    }

    private async Task<ProtectedVM> RemovePreviousAsync(ProtectionContext context, CycleProgress cycle, CancellationToken cancellationToken)
    {
        using (HostSlot(context))
        {
            await removeStep.RunAsync(context, cycle, cancellationToken);
        }

        return await WriteAsync(context.Pvm, p => p.Status.Cycle = cycle with { Step = CycleStep.Pruning }, cancellationToken);
    }

    private async Task<ProtectedVM> FinishAsync(ProtectionContext context, CycleProgress cycle, CancellationToken cancellationToken)
    {
        await pruneStep.RunAsync(context, cycle.ImageName ?? "", cancellationToken);
        var finished = await WriteAsync(context.Pvm, p =>
        {
            p.Status.Cycle = null;
            p.Status.Phase = ProtectedVMPhase.Protected;
            p.Status.Set(
                ProtectedVMConditions.Ready,
                true,
                ProtectedVMConditions.ReasonCycleSucceeded,
                $"Cycle {cycle.Id} committed image {cycle.ImageName}",
                p.Metadata.Generation,
                timeProvider);
        }, cancellationToken);
        metrics.CycleCompleted(finished, cycle);
        tracing.EndCycle(finished, cycle);
        return finished;
    }

    private ScheduleDecision Decide(ProtectionContext context) =>
        CycleSchedule.Decide(context.Pvm, context.Schedule, context.Facts.RunningDeltaBytes, timeProvider.GetUtcNow());

    /// <summary>
    /// When to look at a VM between cycles: its planned snapshot, or the instant its RPOMet condition would turn false,
    /// whichever is first, at most <see cref="ProtectionOptions.IdleRequeue"/>. A VM waiting for its delta to grow is
    /// woken by the delta poller instead of polling here; policy, failover, heartbeat and VM state changes wake it too.
    /// </summary>
    private TimeSpan IdleDelay(ScheduleDecision decision, ProtectionContext context)
    {
        var when = decision.WatchesDelta ? decision.PlannedAt : decision.NextCheckAt;
        if (ProtectionStatus.RpoDeadline(context.Pvm, context, timeProvider) is { } deadline && deadline < when)
        {
            when = deadline + RpoDeadlineMargin;
        }

        return Until(when);
    }

    private TimeSpan Until(DateTimeOffset when)
    {
        var delay = when - timeProvider.GetUtcNow();
        return delay < TimeSpan.FromMilliseconds(200) ? TimeSpan.FromMilliseconds(200) : delay > options.IdleRequeue ? options.IdleRequeue : delay;
    }

    private IDisposable HostSlot(ProtectionContext context) =>
        hostSlots.TryAcquire(context.EndpointKey, context.Facts.Host?.Value)
            ?? throw new HostBusyException(context.Facts.Host?.Value ?? context.EndpointKey);

    private void NotReady(ProtectedVM pvm, string reason, string message)
    {
        pvm.Status.Phase = pvm.Status.LatestCommittedImage is null ? ProtectedVMPhase.Pending : ProtectedVMPhase.Degraded;
        pvm.Status.Set(ProtectedVMConditions.Ready, false, reason, message, pvm.Metadata.Generation, timeProvider);
    }

    private async Task<ProtectedVM> WriteAsync(ProtectedVM pvm, Action<ProtectedVM> mutate, CancellationToken cancellationToken)
    {
        var written = await statusWriter.UpdateStatusAsync(pvm, p =>
        {
            p.Status ??= new ProtectedVMStatus();
            mutate(p);
        }, cancellationToken);
        metrics.StatusWritten(written);
        return written;
    }
}
