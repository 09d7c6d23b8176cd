using k8s.Models;
using SnapshotHa.Api.Common;
using SnapshotHa.Kube.Status;

namespace SnapshotHa.Operator.Controllers;

/// <summary>Sets Kubernetes-style conditions on a SnapshotHA status.</summary>
internal static class StatusConditions
{
    /// <summary>Sets condition <paramref name="type"/> (the transition time changes only when the status flips).</summary>
    public static void Set(
        this ObservedStatus status, string type, bool value, string reason, string message, long? generation, TimeProvider time)
    {
        status.Conditions ??= [];
        status.Conditions.SetStatusCondition(
            new V1Condition
            {
                Type = type,
                Status = value ? ConditionStatus.True : ConditionStatus.False,
                Reason = reason,
                Message = message.Length > 1024 ? message[..1024] : message,
                ObservedGeneration = generation,
            },
            time);
    }
}
