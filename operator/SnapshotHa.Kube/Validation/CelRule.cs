namespace SnapshotHa.Kube.Validation;

/// <summary>One <c>x-kubernetes-validations</c> entry.</summary>
internal sealed record CelRule(string Rule, string? Message, string? MessageExpression, string? FieldPath, string? Reason)
{
    /// <summary>Whether the rule compares with the previous value, so it runs only on updates where one exists.</summary>
    public bool IsTransitionRule => Rule.Contains("oldSelf", StringComparison.Ordinal);
}
