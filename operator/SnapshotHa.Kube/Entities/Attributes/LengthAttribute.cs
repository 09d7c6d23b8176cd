namespace SnapshotHa.Kube.Entities.Attributes;

/// <summary>Bounds the length of a string field (<c>minLength</c>, <c>maxLength</c>); a negative value means unbounded.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class LengthAttribute : Attribute
{
    /// <summary>The minimum length in characters, or -1.</summary>
    public int MinLength { get; init; } = -1;

    /// <summary>The maximum length in characters, or -1.</summary>
    public int MaxLength { get; init; } = -1;
}
