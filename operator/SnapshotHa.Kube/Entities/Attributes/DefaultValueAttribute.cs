namespace SnapshotHa.Kube.Entities.Attributes;

/// <summary>
/// The value the API server fills in when a field is absent (<c>default</c>). For object fields pass the default as
/// JSON text (usually <c>"{}"</c>, so that the object's own field defaults apply).
/// </summary>
/// <param name="value">A string, boolean or number; JSON text for object fields.</param>
[AttributeUsage(AttributeTargets.Property)]
public sealed class DefaultValueAttribute(object value) : Attribute
{
    /// <summary>The default value.</summary>
    public object Value { get; } = value;
}
