using k8s.Models;

namespace SnapshotHa.Kube.Status;

/// <summary>
/// Helpers for <c>status.conditions</c> with controller-runtime's semantics (<c>meta.SetStatusCondition</c>):
/// lastTransitionTime moves only when a condition's status changes, and is kept to whole seconds as serialized.
/// </summary>
public static class Conditions
{
    /// <summary>
    /// Adds or updates the condition of <paramref name="condition"/>'s type. Reason, message and observedGeneration
    /// are always taken over; lastTransitionTime is set to now (or the given non-default time) only for a new condition or a
    /// status change, and is otherwise kept.
    /// </summary>
    /// <param name="conditions">The status' condition list.</param>
    /// <param name="condition">The desired condition; Type and Status are required.</param>
    /// <param name="timeProvider">The clock for lastTransitionTime.</param>
    /// <returns>Whether the list changed.</returns>
    /// <exception cref="ArgumentException">Type or Status is empty.</exception>
    public static bool SetStatusCondition(
        this IList<V1Condition> conditions, V1Condition condition, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(conditions);
        ArgumentNullException.ThrowIfNull(condition);
        ArgumentNullException.ThrowIfNull(timeProvider);
        if (string.IsNullOrEmpty(condition.Type))
        {
            throw new ArgumentException("Condition type must not be empty.", nameof(condition));
        }

        if (string.IsNullOrEmpty(condition.Status))
        {
            throw new ArgumentException($"Condition {condition.Type}: status must not be empty.", nameof(condition));
        }

        // LastTransitionTime is a required (non-nullable) field of V1Condition: its default value means "not given".
        var transitionTime = condition.LastTransitionTime == default
            ? Now(timeProvider)
            : TruncateToSeconds(condition.LastTransitionTime);
        var existing = conditions.FindStatusCondition(condition.Type);
        if (existing is null)
        {
            conditions.Add(new V1Condition
            {
                Type = condition.Type,
                Status = condition.Status,
                Reason = condition.Reason,
                Message = condition.Message,
                ObservedGeneration = condition.ObservedGeneration,
                LastTransitionTime = transitionTime,
            });
            return true;
        }

        var changed = false;
        if (existing.Status != condition.Status)
        {
            existing.Status = condition.Status;
            existing.LastTransitionTime = transitionTime;
            changed = true;
        }

        if (existing.Reason != condition.Reason)
        {
            existing.Reason = condition.Reason;
            changed = true;
        }

        if (existing.Message != condition.Message)
        {
            existing.Message = condition.Message;
            changed = true;
        }

        if (existing.ObservedGeneration != condition.ObservedGeneration)
        {
            existing.ObservedGeneration = condition.ObservedGeneration;
            changed = true;
        }

        return changed;
    }

    /// <summary>Removes the condition of a type.</summary>
    /// <param name="conditions">The condition list.</param>
    /// <param name="type">The condition type.</param>
    /// <returns>Whether a condition was removed.</returns>
    public static bool RemoveStatusCondition(this IList<V1Condition> conditions, string type)
    {
        ArgumentNullException.ThrowIfNull(conditions);
        var existing = conditions.FindStatusCondition(type);
        return existing is not null && conditions.Remove(existing);
    }

    /// <summary>Returns the condition of a type.</summary>
    /// <param name="conditions">The condition list (null counts as empty).</param>
    /// <param name="type">The condition type.</param>
    /// <returns>The condition, or null.</returns>
    public static V1Condition? FindStatusCondition(this IEnumerable<V1Condition>? conditions, string type) =>
        conditions?.FirstOrDefault(c => string.Equals(c.Type, type, StringComparison.Ordinal));

    /// <summary>Whether the condition of a type is present with status <c>True</c>.</summary>
    /// <param name="conditions">The condition list.</param>
    /// <param name="type">The condition type.</param>
    /// <returns>True when present and True.</returns>
    public static bool IsStatusConditionTrue(this IEnumerable<V1Condition>? conditions, string type) =>
        conditions.IsStatusConditionPresentAndEqual(type, ConditionStatus.True);

    /// <summary>Whether the condition of a type is present with status <c>False</c>.</summary>
    /// <param name="conditions">The condition list.</param>
    /// <param name="type">The condition type.</param>
    /// <returns>True when present and False.</returns>
    public static bool IsStatusConditionFalse(this IEnumerable<V1Condition>? conditions, string type) =>
        conditions.IsStatusConditionPresentAndEqual(type, ConditionStatus.False);

    /// <summary>Whether the condition of a type is present with the given status.</summary>
    /// <param name="conditions">The condition list.</param>
    /// <param name="type">The condition type.</param>
    /// <param name="status">True, False or Unknown.</param>
    /// <returns>True when present with that status.</returns>
    public static bool IsStatusConditionPresentAndEqual(
        this IEnumerable<V1Condition>? conditions, string type, string status) =>
        string.Equals(conditions.FindStatusCondition(type)?.Status, status, StringComparison.Ordinal);

    private static DateTime Now(TimeProvider timeProvider) => TruncateToSeconds(timeProvider.GetUtcNow().UtcDateTime);

    private static DateTime TruncateToSeconds(DateTime time) =>
        new(time.Ticks - (time.Ticks % TimeSpan.TicksPerSecond), DateTimeKind.Utc);
}
