namespace SnapshotHa.Api.Common;

/// <summary>The values of a condition's <c>status</c>.</summary>
public static class ConditionStatuses
{
    /// <summary>The condition holds.</summary>
    public const string True = "True";

    /// <summary>The condition does not hold.</summary>
    public const string False = "False";

    /// <summary>The operator cannot tell yet.</summary>
    public const string Unknown = "Unknown";
}
