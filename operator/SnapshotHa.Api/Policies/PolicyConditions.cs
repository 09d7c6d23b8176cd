namespace SnapshotHa.Api.Policies;

/// <summary>Condition types and reasons of a SnapshotPolicy.</summary>
public static class PolicyConditions
{
    /// <summary>The policy is valid and in use by the operator.</summary>
    public const string Ready = "Ready";

    /// <summary>Ready: the policy was accepted.</summary>
    public const string ReasonAccepted = "Accepted";

    /// <summary>Not ready: the secondary repository cannot be reached or its Secret is missing.</summary>
    public const string ReasonSecondaryRepositoryUnavailable = "SecondaryRepositoryUnavailable";
}
