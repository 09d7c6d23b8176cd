namespace SnapshotHa.Kube.Entities.Attributes;

/// <summary>The field holds a whole Kubernetes object (<c>x-kubernetes-embedded-resource</c>).</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class EmbeddedResourceAttribute : Attribute;
