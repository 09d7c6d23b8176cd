namespace SnapshotHa.Kube.Entities.Attributes;

/// <summary>Short names <c>kubectl</c> accepts for the resource (for example <c>pvm</c>).</summary>
/// <param name="shortNames">The short names, lowercase.</param>
[AttributeUsage(AttributeTargets.Class)]
public sealed class KubernetesEntityShortNamesAttribute(params string[] shortNames) : Attribute
{
    /// <summary>The short names.</summary>
    public IReadOnlyList<string> ShortNames { get; } = shortNames;
}
