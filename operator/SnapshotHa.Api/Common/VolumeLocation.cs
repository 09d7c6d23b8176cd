using SnapshotHa.Kube.Entities.Attributes;

namespace SnapshotHa.Api.Common;

/// <summary>A directory on a PersistentVolumeClaim.</summary>
[Description("A directory on a PersistentVolumeClaim in the same namespace.")]
public sealed record VolumeLocation
{
    /// <summary>The claim name.</summary>
    [Required]
    [Length(MinLength = 1, MaxLength = 253)]
    [Pattern(Patterns.ObjectName)]
    [Description("Name of the PersistentVolumeClaim, in the same namespace. It must allow ReadWriteMany when merge Jobs run on several nodes.")]
    public string ClaimName { get; set; } = "";

    /// <summary>The directory inside the volume.</summary>
    [Length(MaxLength = 1024)]
    [Pattern(Patterns.RelativePath)]
    [Description("Directory inside the volume, relative and without '..' segments; default the volume's root.")]
    public string? SubPath { get; set; }
}
