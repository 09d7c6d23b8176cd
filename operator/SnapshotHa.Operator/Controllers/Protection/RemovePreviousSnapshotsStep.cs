using Microsoft.Extensions.Logging;
using SnapshotHa.Api.Protection;

namespace SnapshotHa.Operator.Controllers.Protection;

/// <summary>
/// Cycle step 3, only after this cycle's image is Committed: removes our older snapshots from the VM (ESXi folds
/// their layers into the parents). User snapshots are never touched.
/// </summary>
/// <param name="logger">Logs removals.</param>
public sealed class RemovePreviousSnapshotsStep(ILogger<RemovePreviousSnapshotsStep> logger)
{
    /// <summary>Runs the step.</summary>
    /// <param name="context">The resolved ProtectedVM.</param>
    /// <param name="cycle">The cycle whose snapshot stays.</param>
    /// <param name="cancellationToken">Cancels the step.</param>
    /// <returns>The names of removed snapshots.</returns>
    public async Task<IReadOnlyList<string>> RunAsync(ProtectionContext context, CycleProgress cycle, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(cycle);
        var tree = await context.Client.Snapshots.GetTreeAsync(context.Facts.Vm, cancellationToken);
        var removed = new List<string>();
        foreach (var snapshot in OurSnapshots.In(tree, context.Pvm).Where(s => OurSnapshots.SequenceOf(s) < cycle.Sequence))
        {
            await context.Client.Snapshots.RemoveAsync(snapshot.Snapshot, removeChildren: false, consolidate: true, null, cancellationToken);
            Log.SnapshotRemoved(logger, context.Pvm.Metadata.NamespaceProperty, context.Pvm.Metadata.Name, snapshot.Name);
            removed.Add(snapshot.Name);
        }

        return removed;
    }
}
