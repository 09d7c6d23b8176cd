namespace SnapshotHa.Operator.Telemetry;

/// <summary>Values of the <c>result</c> label of <c>snapshotha_failovers_total</c>.</summary>
public static class FailoverResults
{
    /// <summary>The recovered VM runs.</summary>
    public const string Succeeded = "succeeded";

    /// <summary>The failover ended without a running VM.</summary>
    public const string Failed = "failed";
}
