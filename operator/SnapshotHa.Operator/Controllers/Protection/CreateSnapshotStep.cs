using Microsoft.Extensions.Logging;
using SnapshotHa.Api.Policies;
using SnapshotHa.Api.Protection;
using SnapshotHa.Operator.Telemetry;
using SnapshotHa.Vim.Faults;
using SnapshotHa.Vim.Snapshots;

namespace SnapshotHa.Operator.Controllers.Protection;

/// <summary>
/// Cycle step 1: creates this cycle's snapshot, or finds it when an earlier attempt created it before the operator
/// stopped. Before creating, stale snapshots of ours beyond the committed one are removed, so the VM never carries
/// more than two of ours.
/// </summary>
/// <param name="fence">Brackets the creation.</param>
/// <param name="timeProvider">Measures the creation time.</param>
/// <param name="metrics">Records the creation.</param>
/// <param name="logger">Logs creations.</param>
public sealed class CreateSnapshotStep(ISnapshotFence fence, TimeProvider timeProvider, ProtectionMetrics metrics, ILogger<CreateSnapshotStep> logger)
{
    /// <summary>Runs the step.</summary>
    /// <param name="context">The resolved ProtectedVM.</param>
    /// <param name="cycle">The cycle in progress.</param>
    /// <param name="committedSnapshot">The snapshot name of the latest committed image (kept), or null.</param>
    /// <param name="cancellationToken">Cancels the step.</param>
    /// <returns>The snapshot record for status.</returns>
    public async Task<SnapshotRecord> RunAsync(
        ProtectionContext context, CycleProgress cycle, string? committedSnapshot, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(cycle);
        var vm = context.Facts.Vm;
        var name = cycle.SnapshotName ?? throw new InvalidOperationException("The cycle has no snapshot name.");
        var tree = await context.Client.Snapshots.GetTreeAsync(vm, cancellationToken);
        var ours = OurSnapshots.In(tree, context.Pvm);
        if (ours.FirstOrDefault(s => s.Name == name) is { } existing)
        {
            return Record(existing, context.Pvm.Status?.LastSnapshot is { } last && last.Name == name ? last.DurationSeconds : null, context);
        }

        foreach (var stale in ours.Where(s => s.Name != committedSnapshot))
        {
            await context.Client.Snapshots.RemoveAsync(stale.Snapshot, removeChildren: false, consolidate: true, null, cancellationToken);
            Log.SnapshotRemoved(logger, context.Pvm.Metadata.NamespaceProperty, context.Pvm.Metadata.Name, stale.Name);
        }

        var options = context.Policy.Spec.Snapshot;
        var started = timeProvider.GetTimestamp();
        var task = new TaskTiming();
        await using (await fence.EnterAsync(vm.Value, name, cancellationToken))
        {
            started = timeProvider.GetTimestamp();
            var description = OurSnapshots.Description(context.Pvm, cycle.Sequence ?? 0);
            var memory = options?.IncludeMemory ?? false;
            var quiesce = options?.Quiesce ?? true;
            try
            {
                await context.Client.Snapshots.CreateAsync(vm, name, description, memory, quiesce, task, cancellationToken);
            }
            catch (VimFaultException e) when (quiesce && options?.OnQuiesceFailure != QuiesceFailureAction.Fail && !VimFaults.IsTransient(e))
            {
                // spec.snapshot.onQuiesceFailure: CrashConsistent — take the snapshot without quiescing.
                await context.Client.Snapshots.CreateAsync(vm, name, description, memory, quiesce: false, task, cancellationToken);
            }
        }

        var seconds = timeProvider.GetElapsedTime(started).TotalSeconds;
        Log.SnapshotCreated(logger, context.Pvm.Metadata.NamespaceProperty, context.Pvm.Metadata.Name, name, Math.Round(seconds, 3));
        metrics.SnapshotCreated(context.Pvm, TimeSpan.FromSeconds(seconds), task.Duration, context.Facts.RunningDeltaBytes);
        tree = await context.Client.Snapshots.GetTreeAsync(vm, cancellationToken);
        var created = OurSnapshots.In(tree, context.Pvm).FirstOrDefault(s => s.Name == name)
            ?? throw new InvalidOperationException($"Snapshot {name} is missing right after it was created.");
        return Record(created, seconds, context);
    }

    private SnapshotRecord Record(SnapshotTree snapshot, double? seconds, ProtectionContext context) => new()
    {
        Name = snapshot.Name,
        Moref = snapshot.Snapshot.Value,
        CreatedTime = (snapshot.CreateTime ?? timeProvider.GetUtcNow()).UtcDateTime,
        DurationSeconds = seconds,
        DeltaBytes = context.Facts.RunningDeltaBytes,
    };
}
