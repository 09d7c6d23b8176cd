namespace SnapshotHa.Operator.Policies;

/// <summary>One snapshot-scheduling strategy of the policy engine. Implementations are pure and thread-safe.</summary>
public interface IScheduleStrategy
{
    /// <summary>Gets the mode this strategy implements.</summary>
    ScheduleMode Mode { get; }

    /// <summary>Decides whether a snapshot is due for <paramref name="input"/> under <paramref name="settings"/>.</summary>
    ScheduleDecision Decide(ScheduleSettings settings, ScheduleInput input);
}
