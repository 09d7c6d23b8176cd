namespace SnapshotHa.Kube.Entities.Attributes;

/// <summary>The smallest value a numeric field accepts (<c>minimum</c>, <c>exclusiveMinimum</c>).</summary>
/// <param name="minimum">The bound.</param>
[AttributeUsage(AttributeTargets.Property)]
public sealed class RangeMinimumAttribute(double minimum) : Attribute
{
    /// <summary>The bound.</summary>
    public double Minimum { get; } = minimum;

    /// <summary>When true the bound itself is rejected.</summary>
    public bool ExclusiveMinimum { get; init; }
}
