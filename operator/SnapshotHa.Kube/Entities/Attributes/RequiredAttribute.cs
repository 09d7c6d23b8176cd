namespace SnapshotHa.Kube.Entities.Attributes;

/// <summary>Marks a field as required: its name is listed in the parent object's <c>required</c>.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class RequiredAttribute : Attribute;
