using SnapshotHa.Api.Common;
using SnapshotHa.Api.Failovers;
using SnapshotHa.Api.Images;
using SnapshotHa.Api.Protection;
using SnapshotHa.Kube.Client;
using SnapshotHa.Kube.Status;

namespace SnapshotHa.Operator.Controllers.Failovers;

/// <summary>
/// Fencing of a Planned failover or Failback, which must lose nothing: the source is powered off through the API
/// (its host must answer; there is no BestEffort or confirmation here), then the protection cycle is asked for a final
/// snapshot (<see cref="FailoverHold.FinalSnapshot"/>), and the first image committed after the power-off is the one
/// restored: it holds every write the VM made.
/// </summary>
/// <param name="client">Reads the ProtectedVM and its images.</param>
/// <param name="statusWriter">Writes the Failover's status.</param>
/// <param name="fencing">Powers the source off.</param>
/// <param name="timeProvider">Clock.</param>
public sealed class FinalImageStep(IKubernetesClient client, EntityStatusWriter statusWriter, FencingStep fencing, TimeProvider timeProvider)
{
    /// <summary>Runs the step once.</summary>
    /// <param name="context">The failover in phase Fencing.</param>
    /// <param name="cancellationToken">Cancels the calls.</param>
    /// <returns>The failover, and whether to look again later.</returns>
    public async Task<(Failover Failover, bool Wait)> RunAsync(FailoverContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var failover = context.Failover;
        if (failover.Status?.FinalImageAfterSequence is not { } after)
        {
            var decision = await fencing.RunAsync(context, cancellationToken);
            if (decision.Reason != FailoverConditions.ReasonPoweredOff)
            {
                failover = await WriteAsync(failover, f => f.Status.Set(
                    FailoverConditions.Fenced, false, FailoverConditions.ReasonHostNotResponding,
                    $"A {f.Spec.Type} failover powers the source off through vSphere and takes a final snapshot: waiting until its host answers", f.Metadata.Generation, timeProvider), cancellationToken);
                return (failover, true);
            }

            var pvm = context.Pvm;
            var sequence = (pvm.Status?.LatestCommittedImage?.Sequence ?? -1) + (pvm.Status?.Cycle is null ? 0 : 1);
            failover = await WriteAsync(failover, f =>
            {
                f.Status.FinalImageAfterSequence ??= sequence;
                f.Status.Set(FailoverConditions.Fenced, true, decision.Reason, $"{decision.Message}; waiting for the final image (sequence above {sequence})", f.Metadata.Generation, timeProvider);
            }, cancellationToken);
            return (failover, true);
        }

        var latest = (await client.GetAsync<ProtectedVM>(context.Pvm.Metadata.Name, context.Pvm.Metadata.NamespaceProperty, cancellationToken))?.Status?.LatestCommittedImage;
        if (latest is null || latest.Sequence <= after)
        {
            return (failover, true);
        }

        var image = await client.GetAsync<RecoveryImage>(latest.Name, failover.Metadata.NamespaceProperty, cancellationToken);
        failover = await WriteAsync(failover, f =>
        {
            f.Status.Image = new ImageReference { Name = latest.Name, Sequence = latest.Sequence, PointInTime = image?.Spec.PointInTime ?? latest.PointInTime };
            f.Status.RpoSeconds = 0;
            f.Status.Phase = FailoverPhase.Restoring;
        }, cancellationToken);
        return (failover, false);
    }

    private Task<Failover> WriteAsync(Failover failover, Action<Failover> mutate, CancellationToken cancellationToken) =>
        statusWriter.UpdateStatusAsync(failover, f =>
        {
            f.Status ??= new FailoverStatus();
            mutate(f);
        }, cancellationToken);
}
