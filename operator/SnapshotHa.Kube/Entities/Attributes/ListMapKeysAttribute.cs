namespace SnapshotHa.Kube.Entities.Attributes;

/// <summary>
/// Declares a list of objects as a map keyed by the given fields (<c>x-kubernetes-list-type: map</c>): keys must be
/// unique and server-side apply merges items by key. The key fields must be required.
/// </summary>
/// <param name="keys">The JSON names of the key fields.</param>
[AttributeUsage(AttributeTargets.Property)]
public sealed class ListMapKeysAttribute(params string[] keys) : Attribute
{
    /// <summary>The JSON names of the key fields.</summary>
    public IReadOnlyList<string> Keys { get; } = keys;
}
