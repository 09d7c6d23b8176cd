using Microsoft.Extensions.Logging;
using SnapshotHa.Api.Images;
using SnapshotHa.Api.Protection;
using SnapshotHa.Kube.Client;
using SnapshotHa.Kube.Events;

namespace SnapshotHa.Operator.Controllers.Protection;

/// <summary>
/// Restarts a cycle whose snapshot disappeared before its image was committed: the cycle's uncommitted
/// RecoveryImage is deleted (it would be produced again from the new snapshot under the same deterministic name,
/// so no duplicate and no orphan is left), a Warning Event with reason <c>SnapshotLost</c> is published, and the
/// caller resets <c>status.cycle</c> to CreatingSnapshot with the same sequence. Every action is idempotent, so
/// an operator stopped half-way repeats it on the next reconcile.
/// </summary>
/// <param name="client">Reads and deletes the cycle's image.</param>
/// <param name="publishEvent">Publishes the Event.</param>
/// <param name="logger">Logs the restart.</param>
public sealed class LostSnapshotRestart(IKubernetesClient client, EventPublisher publishEvent, ILogger<LostSnapshotRestart> logger)
{
    /// <summary>Deletes the cycle's uncommitted image and publishes the Event; returns the condition message.</summary>
    /// <param name="pvm">The ProtectedVM.</param>
    /// <param name="cycle">The cycle whose snapshot is gone.</param>
    /// <param name="lost">What disappeared.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>The message for the <c>Ready</c> condition and the Event.</returns>
    public async Task<string> PrepareAsync(ProtectedVM pvm, CycleProgress cycle, SnapshotLostException lost, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pvm);
        ArgumentNullException.ThrowIfNull(cycle);
        ArgumentNullException.ThrowIfNull(lost);
        var ns = pvm.Metadata.NamespaceProperty;
        if (cycle.ImageName is { } imageName
            && await client.GetAsync<RecoveryImage>(imageName, ns, cancellationToken) is { } image
            && image.Status?.Phase is not (RecoveryImagePhase.Committed or RecoveryImagePhase.Superseded or RecoveryImagePhase.Pruned))
        {
            await client.DeleteAsync(image, cancellationToken);
        }

        var message = $"Snapshot {lost.SnapshotName} of cycle {cycle.Id} was deleted outside SnapshotHA before image "
            + $"{cycle.ImageName} was committed; the cycle restarts with a new snapshot";
        Log.CycleRestarted(logger, ns, pvm.Metadata.Name, lost.SnapshotName, cycle.Id);
        await publishEvent(pvm, ProtectedVMConditions.ReasonSnapshotLost, message, EventType.Warning, cancellationToken);
        return message;
    }
}
