namespace SnapshotHa.Kube.Entities.Attributes;

/// <summary>Keeps fields the schema does not declare (<c>x-kubernetes-preserve-unknown-fields</c>).</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Class)]
public sealed class PreserveUnknownFieldsAttribute : Attribute;
