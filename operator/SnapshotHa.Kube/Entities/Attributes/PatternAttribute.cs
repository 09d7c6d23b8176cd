namespace SnapshotHa.Kube.Entities.Attributes;

/// <summary>An ECMA-262 regular expression a string field must match (<c>pattern</c>).</summary>
/// <param name="pattern">The regular expression, anchored by the author where needed.</param>
[AttributeUsage(AttributeTargets.Property)]
public sealed class PatternAttribute(string pattern) : Attribute
{
    /// <summary>The regular expression.</summary>
    public string Pattern { get; } = pattern;
}
