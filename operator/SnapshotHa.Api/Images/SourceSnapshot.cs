using SnapshotHa.Kube.Entities.Attributes;

namespace SnapshotHa.Api.Images;

/// <summary>The snapshot an image came from.</summary>
[Description("The vSphere snapshot an image came from.")]
public sealed record SourceSnapshot
{
    /// <summary>The snapshot name.</summary>
    [Required]
    [Length(MinLength = 1, MaxLength = 80)]
    [Description("Snapshot name on the source VM.")]
    public string Name { get; set; } = "";

    /// <summary>The snapshot's managed object id.</summary>
    [Length(MaxLength = 64)]
    [Description("Managed object id of the snapshot, for example snapshot-1234.")]
    public string? Moref { get; set; }
}
