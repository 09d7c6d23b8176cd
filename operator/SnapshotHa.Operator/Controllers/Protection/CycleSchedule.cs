using SnapshotHa.Api.Protection;
using SnapshotHa.Operator.Policies;

namespace SnapshotHa.Operator.Controllers.Protection;

/// <summary>Asks the policy's schedule strategy whether a ProtectedVM is due, from its status and running delta.</summary>
internal static class CycleSchedule
{
    /// <summary>The strategy's decision for <paramref name="pvm"/> at <paramref name="now"/>.</summary>
    /// <param name="pvm">The ProtectedVM (its last snapshot and latest committed image are used).</param>
    /// <param name="schedule">Its policy's schedule.</param>
    /// <param name="runningDeltaBytes">Bytes in the VM's running delta layers.</param>
    /// <param name="now">The current time.</param>
    /// <returns>The decision; a VM without a committed image is due at once (its seed).</returns>
    public static ScheduleDecision Decide(ProtectedVM pvm, ScheduleSettings schedule, long runningDeltaBytes, DateTimeOffset now)
    {
        var status = pvm.Status;
        if (status?.LatestCommittedImage is null)
        {
            return new ScheduleDecision(true, now, schedule.Interval, "Seed");
        }

        var last = status.LastSnapshot?.CreatedTime ?? status.LatestCommittedImage.PointInTime;
        var input = new ScheduleInput(
            now,
            last is { } t ? new DateTimeOffset(DateTime.SpecifyKind(t, DateTimeKind.Utc)) : null,
            runningDeltaBytes,
            status.LastSnapshot?.DurationSeconds is { } d ? TimeSpan.FromSeconds(d) : null);
        return ScheduleStrategies.BuiltIn.For(schedule.Mode).Decide(schedule, input);
    }
}
