using SnapshotHa.Api.Failovers;

namespace SnapshotHa.Operator.Controllers.Failovers;

/// <summary>
/// The outcome of one failover, raised once when it reaches Succeeded or Failed.
/// metrics: a counter by type and result, histograms of detection and RTO seconds hook in here.
/// </summary>
/// <param name="Namespace">The Failover's namespace.</param>
/// <param name="Name">The Failover's name.</param>
/// <param name="Type">Unplanned, Planned, Test or Failback.</param>
/// <param name="Result">Succeeded or Failed.</param>
/// <param name="DetectionSeconds">Seconds from the failure to its detection; null when started by a person.</param>
/// <param name="RtoSeconds">Seconds from detection (or start) to the recovered VM's power-on; null when failed.</param>
public sealed record FailoverCompleted(string? Namespace, string Name, FailoverType Type, FailoverPhase Result, double? DetectionSeconds, double? RtoSeconds)
{
    /// <summary>Builds the outcome from a finished Failover.</summary>
    /// <param name="failover">The failover in phase Succeeded or Failed.</param>
    /// <returns>The outcome.</returns>
    public static FailoverCompleted From(Failover failover)
    {
        ArgumentNullException.ThrowIfNull(failover);
        return new FailoverCompleted(
            failover.Metadata.NamespaceProperty,
            failover.Metadata.Name,
            failover.Spec.Type,
            failover.Status?.Phase ?? FailoverPhase.Failed,
            failover.Status?.DetectionSeconds,
            failover.Status?.RtoSeconds);
    }
}
