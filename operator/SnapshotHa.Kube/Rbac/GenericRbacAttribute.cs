namespace SnapshotHa.Kube.Rbac;

/// <summary>Grants the operator <see cref="Verbs"/> on resources that are not our entities (Secrets, Jobs, Events…).</summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Assembly, AllowMultiple = true)]
public sealed class GenericRbacAttribute : Attribute
{
    /// <summary>API groups; <c>""</c> is the core group.</summary>
    public string[] Groups { get; init; } = [];

    /// <summary>Resource names, optionally with a subresource (<c>pods/log</c>).</summary>
    public string[] Resources { get; init; } = [];

    /// <summary>The verbs granted.</summary>
    public RbacVerb Verbs { get; init; }
}
