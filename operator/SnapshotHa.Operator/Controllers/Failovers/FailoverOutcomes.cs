namespace SnapshotHa.Operator.Controllers.Failovers;

/// <summary>
/// The one place every finished failover is reported (a singleton). metrics: subscribe to <see cref="Completed"/> to
/// count failovers by type and result and to observe detection and RTO seconds.
/// </summary>
public sealed class FailoverOutcomes
{
    /// <summary>Raised once per failover when it reaches Succeeded or Failed.</summary>
    public event EventHandler<FailoverCompleted>? Completed;

    /// <summary>Reports a finished failover.</summary>
    /// <param name="outcome">The outcome.</param>
    public void Publish(FailoverCompleted outcome) => Completed?.Invoke(this, outcome);
}
