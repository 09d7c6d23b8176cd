namespace SnapshotHa.Kube.Entities.Attributes;

/// <summary>The largest value a numeric field accepts (<c>maximum</c>, <c>exclusiveMaximum</c>).</summary>
/// <param name="maximum">The bound.</param>
[AttributeUsage(AttributeTargets.Property)]
public sealed class RangeMaximumAttribute(double maximum) : Attribute
{
    /// <summary>The bound.</summary>
    public double Maximum { get; } = maximum;

    /// <summary>When true the bound itself is rejected.</summary>
    public bool ExclusiveMaximum { get; init; }
}
