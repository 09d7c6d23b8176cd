using SnapshotHa.Api.Policies;
using SnapshotHa.Api.Protection;
using SnapshotHa.Kube.Controller;
using SnapshotHa.Kube.Reconciliation;
using SnapshotHa.Kube.Status;
using SnapshotHa.Kube.Watching;
using SnapshotHa.Operator.Hosting;
using SnapshotHa.Operator.Policies;

namespace SnapshotHa.Operator.Controllers.Policies;

/// <summary>
/// Validates a SnapshotPolicy and reports which ProtectedVMs use it and the interval each effectively gets
/// (in the <c>Ready</c> condition's message and <c>status.protectedVMs</c>). A changed spec wakes every ProtectedVM
/// using the policy, so that a new schedule applies at once rather than at their next periodic requeue.
/// </summary>
/// <param name="protectedVms">Lists ProtectedVMs (from the watch cache).</param>
/// <param name="protectedVmRequeue">Wakes the ProtectedVMs of a changed policy.</param>
/// <param name="statusWriter">Writes status.</param>
/// <param name="options">Requeue period.</param>
/// <param name="timeProvider">Clock.</param>
public sealed class SnapshotPolicyController(
    CachedEntityReader<ProtectedVM> protectedVms,
    EntityRequeuer<ProtectedVM> protectedVmRequeue,
    EntityStatusWriter statusWriter,
    ProtectionOptions options,
    TimeProvider timeProvider)
    : IEntityController<SnapshotPolicy>
{
    /// <summary>How many ProtectedVMs the Ready message names before it only counts the rest.</summary>
    public const int UsersNamed = 10;

    /// <inheritdoc />
    public async Task<ReconciliationResult<SnapshotPolicy>> ReconcileAsync(SnapshotPolicy entity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entity);
        var generation = entity.Metadata.Generation;
        ScheduleSettings? settings = null;
        string? problem = null;
        try
        {
            settings = PolicySchedule.From(entity.Spec);
        }
        catch (FormatException e)
        {
            problem = e.Message;
        }

        var users = (await protectedVms.ListAsync(entity.Metadata.NamespaceProperty, cancellationToken))
            .Where(p => p.Spec.PolicyRef.Name == entity.Metadata.Name)
            .OrderBy(p => p.Metadata.Name, StringComparer.Ordinal)
            .ToList();
        if (entity.Status?.ObservedGeneration != generation)
        {
            foreach (var user in users)
            {
                protectedVmRequeue.Requeue(user);
            }
        }

        var message = problem ?? Describe(settings!, users);
        var updated = await statusWriter.UpdateStatusAsync(entity, e =>
        {
            e.Status.ObservedGeneration = generation;
            e.Status.ProtectedVMs = users.Count;
            e.Status.Set(PolicyConditions.Ready, problem is null, problem is null ? PolicyConditions.ReasonAccepted : "Invalid", message, generation, timeProvider);
        }, cancellationToken);
        return ReconciliationResult<SnapshotPolicy>.Success(updated, options.IdleRequeue);
    }

    /// <inheritdoc />
    public Task<ReconciliationResult<SnapshotPolicy>> DeletedAsync(SnapshotPolicy entity, CancellationToken cancellationToken) =>
        Task.FromResult(ReconciliationResult<SnapshotPolicy>.Success(entity));

    private static string Describe(ScheduleSettings settings, List<ProtectedVM> users)
    {
        if (users.Count == 0)
        {
            return $"Accepted: {settings.Mode} schedule; no ProtectedVM uses this policy";
        }

        var strategy = ScheduleStrategies.BuiltIn.For(settings.Mode);
        var parts = users.Take(UsersNamed).Select(p =>
        {
            var last = p.Status?.LastSnapshot;
            var now = last?.CreatedTime is { } t ? new DateTimeOffset(t, TimeSpan.Zero) : DateTimeOffset.UnixEpoch;
            var measured = last?.DurationSeconds is { } d ? TimeSpan.FromSeconds(d) : (TimeSpan?)null;
            var decision = strategy.Decide(settings, new ScheduleInput(now, now, 0, measured));
            return $"{p.Metadata.Name} every {Text.DurationText.Format(decision.EffectiveInterval)}";
        });
        var more = users.Count > UsersNamed ? $" and {users.Count - UsersNamed} more" : "";
        return $"Accepted: {settings.Mode} schedule; used by {string.Join(", ", parts)}{more}";
    }
}
