using Microsoft.Extensions.Logging;
using SnapshotHa.Api.Common;
using SnapshotHa.Api.Failovers;
using SnapshotHa.Api.Images;
using SnapshotHa.Api.Policies;
using SnapshotHa.Api.Protection;
using SnapshotHa.Kube.Client;
using SnapshotHa.Kube.Controller;
using SnapshotHa.Kube.Reconciliation;
using SnapshotHa.Kube.Status;
using SnapshotHa.Operator.Controllers.Endpoints;

namespace SnapshotHa.Operator.Controllers.Failovers;

/// <summary>
/// Carries out a Failover, one phase per step with the progress in status so that a restarted operator resumes:
/// Pending (resolve the image and the source VM) → Fencing (<see cref="FencingStep"/>) → Restoring (upload the image's
/// disks, <see cref="RestoreStep"/>) → PoweringOn (create and power on, <see cref="ActivationStep"/>) → Succeeded, then
/// reprotect: the ProtectedVM protects the recovered VM from its next cycle. A BestEffort failover that went on
/// unfenced keeps trying to power the source off until its host answers, so two copies do not stay running.
/// </summary>
/// <param name="client">Reads ProtectedVMs, policies and images.</param>
/// <param name="statusWriter">Writes status.</param>
/// <param name="connections">The endpoints' sessions.</param>
/// <param name="fencing">Fencing.</param>
/// <param name="targets">Chooses host and datastore.</param>
/// <param name="restore">Uploads the image.</param>
/// <param name="finalImage">Planned failovers and failbacks: powers the source off and waits for its final image.</param>
/// <param name="standbys">Chooses a standby to activate instead of restoring.</param>
/// <param name="outcomes">Receives finished failovers.</param>
/// <param name="metrics">Counts failovers in progress.</param>
/// <param name="tracing">One trace per failover, a span per step.</param>
/// <param name="options">Retry delay.</param>
/// <param name="timeProvider">Clock.</param>
/// <param name="logger">Logs progress.</param>
/// <param name="protectedVmRequeue">
/// Wakes the failover's ProtectedVM after every pass (the protection cycle holds, takes the final snapshot or resumes
/// on what the failover does; without it the VM would only notice at its next requeue).
/// </param>
public sealed class FailoverController(
    IKubernetesClient client,
    EntityStatusWriter statusWriter,
    EndpointConnections connections,
    FencingStep fencing,
    RecoveryTargets targets,
    RestoreStep restore,
    FinalImageStep finalImage,
    StandbyActivation standbys,
    FailoverOutcomes outcomes,
    Telemetry.ProtectionMetrics metrics,
    Telemetry.ProtectionTracing tracing,
    FailoverOptions options,
    TimeProvider timeProvider,
    ILogger<FailoverController> logger,
    EntityRequeuer<ProtectedVM> protectedVmRequeue) : IEntityController<Failover>
{
    /// <inheritdoc />
    public async Task<ReconciliationResult<Failover>> ReconcileAsync(Failover entity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entity);
        try
        {
            return await ReconcileFailoverAsync(entity, cancellationToken);
        }
        finally
        {
            protectedVmRequeue.Requeue(entity.Metadata.NamespaceProperty, entity.Spec.ProtectedVMRef.Name);
        }
    }

    /// <inheritdoc />
    public Task<ReconciliationResult<Failover>> DeletedAsync(Failover entity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entity);
        protectedVmRequeue.Requeue(entity.Metadata.NamespaceProperty, entity.Spec.ProtectedVMRef.Name);
        return Task.FromResult(ReconciliationResult<Failover>.Success(entity));
    }

    private async Task<ReconciliationResult<Failover>> ReconcileFailoverAsync(Failover entity, CancellationToken cancellationToken)
    {
        var failover = entity;
        if (failover.Status?.Phase == FailoverPhase.Failed)
        {
            return ReconciliationResult<Failover>.Success(failover);
        }

        var ns = failover.Metadata.NamespaceProperty;
        var pvm = await client.GetAsync<ProtectedVM>(failover.Spec.ProtectedVMRef.Name, ns, cancellationToken);
        if (pvm is null)
        {
            failover = await FailAsync(failover, "ProtectedVMNotFound", $"ProtectedVM {ns}/{failover.Spec.ProtectedVMRef.Name} does not exist", cancellationToken);
            return ReconciliationResult<Failover>.Success(failover);
        }

        var policy = await client.GetAsync<SnapshotPolicy>(pvm.Spec.PolicyRef.Name, ns, cancellationToken);
        var vim = await connections.GetAsync(ns ?? "default", pvm.Spec.EndpointRef.Name, cancellationToken);
        var context = new FailoverContext(failover, pvm, policy, vim, EntityKey.For(ns, pvm.Spec.EndpointRef.Name));
        if (failover.Status?.Phase == FailoverPhase.Succeeded)
        {
            return await FenceLateAsync(context, cancellationToken);
        }

        var phase = failover.Status?.Phase ?? FailoverPhase.Pending;
        try
        {
            while (phase is not (FailoverPhase.Succeeded or FailoverPhase.Failed))
            {
                // Pending starts the failover's trace; every later step is a span under it.
                using var span = phase == FailoverPhase.Pending
                    ? null
                    : tracing.StartFailoverStep(failover.Status?.TraceParent, ns ?? "", failover.Metadata.Name, StepSpanName(phase));
                (Failover Failover, bool Wait) next;
                try
                {
                    next = await StepAsync(context, phase, cancellationToken);
                }
                catch (Exception e)
                {
                    Telemetry.ProtectionTracing.Failed(span, e);
                    throw;
                }

                failover = next.Failover;
                if (next.Wait)
                {
                    return ReconciliationResult<Failover>.Success(failover, options.RetryDelay);
                }

                phase = failover.Status?.Phase ?? FailoverPhase.Failed;
                context = context with { Failover = failover };
            }
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            Log.StepFailed(logger, ns, failover.Metadata.Name, phase.ToString(), e.Message);
            failover = await ReportRetryAsync(failover, phase, e, cancellationToken);
            return ReconciliationResult<Failover>.Failure(failover, $"Step {phase} failed: {e.Message}", e, options.RetryDelay);
        }

        return ReconciliationResult<Failover>.Success(failover, phase == FailoverPhase.Succeeded && failover.Status?.Conditions?.FirstOrDefault(c => c.Type == FailoverConditions.Fenced)?.Status == "False" ? options.RetryDelay : null);
    }


    private async Task<(Failover Failover, bool Wait)> StepAsync(FailoverContext context, FailoverPhase phase, CancellationToken cancellationToken)
    {
        var failover = context.Failover;
        switch (phase)
        {
            case FailoverPhase.Pending:
                return (await StartAsync(context, cancellationToken), false);
            case FailoverPhase.Fencing when FailoverQueries.NeedsFinalImage(failover):
                return await finalImage.RunAsync(context, cancellationToken);
            case FailoverPhase.Fencing:
                var decision = await fencing.RunAsync(context, cancellationToken);
                failover = await WriteAsync(failover, f =>
                {
                    f.Status.Set(FailoverConditions.Fenced, decision.Fenced, decision.Reason, decision.Message, f.Metadata.Generation, timeProvider);
                    if (decision.Proceed)
                    {
                        f.Status.Phase = FailoverPhase.Restoring;
                    }
                }, cancellationToken);
                if (decision.Proceed)
                {
                    Log.Fenced(logger, failover.Metadata.NamespaceProperty, failover.Metadata.Name, decision.Reason, decision.Message);
                }

                return (failover, !decision.Proceed);
            case FailoverPhase.Restoring when await standbys.ChooseAsync(context, cancellationToken) is { } standby:
                return (await WriteAsync(failover, f =>
                {
                    f.Status.Phase = FailoverPhase.PoweringOn;
                    f.Status.RecoveredVm = new RecoveredVm { Name = ActivationStep.Name(context), Moref = standby.Moref, Host = standby.Host, FromStandby = true };
                    f.Status.Set(FailoverConditions.Restored, true, FailoverConditions.ReasonStandby, $"Standby {standby.Name} on host {standby.Host} holds image #{standby.ImageSequence}", f.Metadata.Generation, timeProvider);
                }, cancellationToken), false);
            case FailoverPhase.Restoring:
                var target = await targets.ResolveAsync(context, cancellationToken);
                var bytes = await restore.RunAsync(context, target, cancellationToken);
                return (await WriteAsync(failover, f =>
                {
                    f.Status.Phase = FailoverPhase.PoweringOn;
                    f.Status.RecoveredVm = new RecoveredVm { Name = ActivationStep.Name(context), Host = target.HostName, FromStandby = false };
                    f.Status.Set(FailoverConditions.Restored, true, FailoverConditions.ReasonUploaded, $"Uploaded {bytes} bytes of image {f.Status.Image?.Name} to [{target.Datastore}] {target.Folder} for host {target.HostName}", f.Metadata.Generation, timeProvider);
                }, cancellationToken), false);
            default:
                return (await ActivateAsync(context, cancellationToken), false);
        }
    }

    private async Task<Failover> StartAsync(FailoverContext context, CancellationToken cancellationToken)
    {
        var failover = context.Failover;
        var pvm = context.Pvm;
        var ns = failover.Metadata.NamespaceProperty;
        var imageName = failover.Spec.ImageRef?.Name ?? pvm.Status?.LatestCommittedImage?.Name;
        var image = imageName is null ? null : await client.GetAsync<RecoveryImage>(imageName, ns, cancellationToken);
        if (image?.Status?.Phase is not (RecoveryImagePhase.Committed or RecoveryImagePhase.Superseded))
        {
            return await FailAsync(failover, FailoverConditions.ReasonNoCommittedImage, $"No committed image to restore ({imageName ?? "the ProtectedVM has none"})", cancellationToken);
        }

        var originalHost = failover.Spec.Type == FailoverType.Failback && failover.Spec.TargetHost is null
            ? await OriginalHostAsync(pvm, cancellationToken)
            : null;

        var now = timeProvider.GetUtcNow().UtcDateTime;
        var source = pvm.Status?.RecoveredVm ?? new RecoveredVm { Name = pvm.Status?.Vm?.Name, Moref = pvm.Status?.Vm?.Moref, Host = pvm.Status?.Vm?.Host };
        var moves = FailoverQueries.MovesTheVm(failover);
        var traceParent = failover.Status?.TraceParent
            ?? tracing.StartFailover(ns ?? "", failover.Metadata.Name, pvm.Metadata.Name, failover.Spec.Type);
        if (failover.Status?.StartedTime is null)
        {
            metrics.FailoverStarted(failover.Spec.Type);
        }

        await statusWriter.UpdateStatusAsync(pvm, p =>
        {
            p.Status ??= new ProtectedVMStatus();
            if (moves)
            {
                p.Status.Phase = ProtectedVMPhase.FailingOver;
                p.Status.Set(ProtectedVMConditions.Ready, false, ProtectedVMConditions.ReasonFailover, $"Failover {failover.Metadata.Name} is in progress", p.Metadata.Generation, timeProvider);
            }
        }, cancellationToken);
        return await WriteAsync(failover, f =>
        {
            f.Status.ObservedGeneration = f.Metadata.Generation;
            f.Status.Phase = FailoverPhase.Fencing;
            f.Status.StartedTime ??= now;
            f.Status.TraceParent ??= traceParent;
            f.Status.SourceVm ??= new RecoveredVm { Name = source.Name, Moref = source.Moref, Host = source.Host };
            f.Status.Image = FailoverQueries.NeedsFinalImage(f) && f.Spec.ImageRef is null
                ? null
                : new ImageReference { Name = image.Metadata.Name, Sequence = image.Spec.Sequence, PointInTime = image.Spec.PointInTime };
            if (originalHost is not null)
            {
                f.Status.RecoveredVm ??= new RecoveredVm { Host = originalHost };
            }

            if (f.Status.Image is not null)
            {
                var failedAt = f.Status.DetectedTime ?? now;
                f.Status.RpoSeconds = Math.Round(Math.Max(0, (failedAt - image.Spec.PointInTime).TotalSeconds), 3);
            }
        }, cancellationToken);
    }

    private async Task<string?> OriginalHostAsync(ProtectedVM pvm, CancellationToken cancellationToken)
    {
        var failovers = await client.ListAsync<Failover>(pvm.Metadata.NamespaceProperty, null, cancellationToken);
        return FailoverQueries.Of(failovers, pvm)
            .Where(f => f.Spec.Type != FailoverType.Test && f.Status?.Phase == FailoverPhase.Succeeded)
            .OrderBy(f => f.Metadata.CreationTimestamp)
            .Select(f => f.Status?.SourceVm?.Host)
            .FirstOrDefault(h => h is not null);
    }

    private async Task<Failover> ActivateAsync(FailoverContext context, CancellationToken cancellationToken)
    {
        var target = await targets.ResolveAsync(context, cancellationToken);
        var vm = await ActivationStep.FindAsync(context, target, cancellationToken);
        if (vm is null)
        {
            var manifest = await restore.ReadManifestAsync(context, cancellationToken);
            vm = await ActivationStep.CreateAsync(context, target, manifest, cancellationToken);
        }

        var failover = await WriteAsync(context.Failover, f => f.Status.RecoveredVm = (f.Status.RecoveredVm ?? new RecoveredVm()) with { Moref = vm.Value, Host = target.HostName }, cancellationToken);
        if (failover.Status.RecoveredVm?.FromStandby == true)
        {
            await StandbyActivation.PrepareAsync(context with { Failover = failover }, vm, cancellationToken);
        }

        await ActivationStep.PowerOnAsync(context with { Failover = failover }, vm, cancellationToken);

        // The ProtectedVM learns of the recovered VM before the failover reads Succeeded: an operator stopped in between
        // resumes in PoweringOn and writes both again, and whoever sees Succeeded finds the ProtectedVM moved.
        if (FailoverQueries.MovesTheVm(failover))
        {
            await ReprotectAsync(context.Pvm, failover, cancellationToken);
        }

        var now = timeProvider.GetUtcNow().UtcDateTime;
        failover = await WriteAsync(failover, f =>
        {
            f.Status.Phase = FailoverPhase.Succeeded;
            f.Status.CompletedTime ??= now;
            var from = f.Status.DetectedTime ?? f.Status.StartedTime ?? now;
            f.Status.RtoSeconds ??= Math.Round(Math.Max(0, (now - from).TotalSeconds), 3);
            f.Status.Set(FailoverConditions.Succeeded, true, FailoverConditions.ReasonPoweredOn, $"VM {f.Status.RecoveredVm?.Name} ({vm.Value}) runs on host {target.HostName}", f.Metadata.Generation, timeProvider);
        }, cancellationToken);
        Report(failover);
        return failover;
    }

    private Task<ProtectedVM> ReprotectAsync(ProtectedVM pvm, Failover failover, CancellationToken cancellationToken) =>
        statusWriter.UpdateStatusAsync(pvm, p =>
        {
            p.Status ??= new ProtectedVMStatus();
            p.Status.RecoveredVm = failover.Status.RecoveredVm;
            p.Status.Standbys = p.Status.Standbys?.Where(s => s.Moref != failover.Status.RecoveredVm?.Moref).ToList();
            p.Status.Phase = ProtectedVMPhase.FailedOver;
            p.Status.Cycle = null;
            p.Status.Set(ProtectedVMConditions.Ready, false, ProtectedVMConditions.ReasonFailover, $"Failover {failover.Metadata.Name} succeeded: VM {failover.Status.RecoveredVm?.Moref} on host {failover.Status.RecoveredVm?.Host} is protected from the next cycle", p.Metadata.Generation, timeProvider);
        }, cancellationToken);

    private async Task<ReconciliationResult<Failover>> FenceLateAsync(FailoverContext context, CancellationToken cancellationToken)
    {
        var failover = context.Failover;
        var fenced = failover.Status?.Conditions?.FirstOrDefault(c => c.Type == FailoverConditions.Fenced);
        if (fenced is null || fenced.Status == "True")
        {
            return ReconciliationResult<Failover>.Success(failover);
        }

        var confirmed = await fencing.FenceLateAsync(context, cancellationToken);
        if (confirmed is null)
        {
            return ReconciliationResult<Failover>.Success(failover, options.RetryDelay);
        }

        failover = await WriteAsync(failover, f => f.Status.Set(FailoverConditions.Fenced, true, FailoverConditions.ReasonPoweredOffLate, confirmed, f.Metadata.Generation, timeProvider), cancellationToken);
        Log.Fenced(logger, failover.Metadata.NamespaceProperty, failover.Metadata.Name, FailoverConditions.ReasonPoweredOffLate, confirmed);
        return ReconciliationResult<Failover>.Success(failover);
    }

    /// <summary>Shows a failing restore or power-on step (retried) in its condition, so that it is seen without logs.</summary>
    private async Task<Failover> ReportRetryAsync(Failover failover, FailoverPhase phase, Exception error, CancellationToken cancellationToken)
    {
        var (type, reason) = phase switch
        {
            FailoverPhase.Restoring => (FailoverConditions.Restored, FailoverConditions.ReasonRestoreFailed),
            FailoverPhase.PoweringOn => (FailoverConditions.Succeeded, FailoverConditions.ReasonPowerOnFailed),
            _ => (null, null),
        };
        if (type is null || reason is null)
        {
            return failover;
        }

        try
        {
            return await WriteAsync(failover, f => f.Status.Set(type, false, reason, $"Retrying: {error.Message}", f.Metadata.Generation, timeProvider), cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The step is retried anyway; the condition is only a report.
            return failover;
        }
    }

    private async Task<Failover> FailAsync(Failover failover, string reason, string message, CancellationToken cancellationToken)
    {
        failover = await WriteAsync(failover, f =>
        {
            f.Status.Phase = FailoverPhase.Failed;
            f.Status.CompletedTime ??= timeProvider.GetUtcNow().UtcDateTime;
            f.Status.Set(FailoverConditions.Succeeded, false, reason, message, f.Metadata.Generation, timeProvider);
        }, cancellationToken);
        Report(failover);
        return failover;
    }

    private static string StepSpanName(FailoverPhase phase) => phase switch
    {
        FailoverPhase.Fencing => "fence",
        FailoverPhase.Restoring => "restore",
        _ => "power_on",
    };

    private void Report(Failover failover)
    {
        var outcome = FailoverCompleted.From(failover);
        var succeeded = outcome.Result == FailoverPhase.Succeeded;
        metrics.FailoverCompleted(
            outcome.Type,
            succeeded,
            outcome.DetectionSeconds is { } detection ? TimeSpan.FromSeconds(detection) : null,
            TimeSpan.FromSeconds(outcome.RtoSeconds ?? 0));
        tracing.EndFailover(outcome.Namespace ?? "", outcome.Name, succeeded ? null : failover.Status?.Conditions?.FirstOrDefault(c => c.Type == FailoverConditions.Succeeded)?.Message ?? "failed");
        Log.Completed(logger, outcome.Namespace, outcome.Name, outcome.Type.ToString(), outcome.Result.ToString(), outcome.DetectionSeconds, outcome.RtoSeconds);
        outcomes.Publish(outcome);
    }

    private Task<Failover> WriteAsync(Failover failover, Action<Failover> mutate, CancellationToken cancellationToken) =>
        statusWriter.UpdateStatusAsync(failover, f =>
        {
            f.Status ??= new FailoverStatus();
            mutate(f);
        }, cancellationToken);
}
