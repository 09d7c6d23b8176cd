namespace SnapshotHa.Operator.Controllers.Failovers;

/// <summary>What a failover asks of the protection cycle of its ProtectedVM.</summary>
public enum FailoverHold
{
    /// <summary>No failover in progress: protect as usual.</summary>
    None,

    /// <summary>A failover moves the VM: start or continue no cycle.</summary>
    Hold,

    /// <summary>A Planned failover or Failback powered the source off: take the final snapshot now, ship and merge it.</summary>
    FinalSnapshot,
}
