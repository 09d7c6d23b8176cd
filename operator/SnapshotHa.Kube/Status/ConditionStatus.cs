namespace SnapshotHa.Kube.Status;

/// <summary>The values of a condition's status field.</summary>
public static class ConditionStatus
{
    /// <summary>The condition holds.</summary>
    public const string True = "True";

    /// <summary>The condition does not hold.</summary>
    public const string False = "False";

    /// <summary>The controller cannot tell.</summary>
    public const string Unknown = "Unknown";
}
