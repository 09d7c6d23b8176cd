namespace SnapshotHa.Kube.Entities.Attributes;

/// <summary>An OpenAPI <c>format</c> for a field (for example <c>date-time</c>, <c>int64</c>, <c>uri</c>).</summary>
/// <param name="format">The format name.</param>
[AttributeUsage(AttributeTargets.Property)]
public sealed class FormatAttribute(string format) : Attribute
{
    /// <summary>The format name.</summary>
    public string Format { get; } = format;
}
