using SnapshotHa.Api.Common;
using SnapshotHa.Api.Protection;

namespace SnapshotHa.Operator.Controllers.Failovers;

/// <summary>Whether a ProtectedVM already carries a VmHealthy condition, so that a periodic check need not write it again.</summary>
public static class VmHealthRecord
{
    /// <summary>
    /// True when <paramref name="pvm"/>'s VmHealthy condition has the status, reason and message of
    /// <paramref name="health"/> for the current generation (writing it again would change nothing).
    /// </summary>
    /// <param name="pvm">The ProtectedVM as listed.</param>
    /// <param name="health">The condition to set.</param>
    /// <returns>Whether it is recorded already.</returns>
    public static bool IsRecorded(ProtectedVM pvm, VmHealth health)
    {
        ArgumentNullException.ThrowIfNull(pvm);
        ArgumentNullException.ThrowIfNull(health);
        var message = health.Message.Length > 1024 ? health.Message[..1024] : health.Message;
        return pvm.Status?.Conditions?.FirstOrDefault(c => c.Type == ProtectedVMConditions.VmHealthy) is { } current
            && current.Status == (health.Healthy ? ConditionStatuses.True : ConditionStatuses.False)
            && current.Reason == health.Reason
            && current.Message == message
            && current.ObservedGeneration == pvm.Metadata.Generation;
    }
}
