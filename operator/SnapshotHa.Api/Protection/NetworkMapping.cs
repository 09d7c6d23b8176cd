using SnapshotHa.Kube.Entities.Attributes;

namespace SnapshotHa.Api.Protection;

/// <summary>Maps one source network to a recovery network.</summary>
[Description("Maps one source network to a recovery network.")]
public sealed record NetworkMapping
{
    /// <summary>The source network.</summary>
    [Required]
    [Length(MinLength = 1, MaxLength = 253)]
    [Description("Name of a network (port group) the source VM is connected to.")]
    public string Source { get; set; } = "";

    /// <summary>The target network.</summary>
    [Required]
    [Length(MinLength = 1, MaxLength = 253)]
    [Description("Name of the network (port group) the recovered VM's adapter is connected to instead.")]
    public string Target { get; set; } = "";
}
