using SnapshotHa.Kube.Entities.Attributes;

namespace SnapshotHa.Kube.Tests.Crds;

[Description("A node that contains itself.")]
public sealed record RecursiveNode
{
    [Description("The child.")]
    public RecursiveNode? Child { get; set; }
}
