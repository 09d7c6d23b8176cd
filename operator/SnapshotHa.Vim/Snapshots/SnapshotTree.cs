using System.Xml.Linq;
using SnapshotHa.Vim.Soap;

namespace SnapshotHa.Vim.Snapshots;

/// <summary>One snapshot and its children (<c>VirtualMachineSnapshotTree</c>).</summary>
/// <param name="Snapshot">The snapshot object.</param>
/// <param name="Vm">The VM it belongs to.</param>
/// <param name="Name">Snapshot name.</param>
/// <param name="Description">Snapshot description.</param>
/// <param name="Id">Per-VM snapshot number.</param>
/// <param name="CreateTime">When it was taken.</param>
/// <param name="State">The VM power state when it was taken.</param>
/// <param name="Quiesced">Whether the guest file system was quiesced.</param>
/// <param name="Children">Snapshots taken after this one on this branch.</param>
public sealed record SnapshotTree(
    ManagedObjectReference Snapshot,
    ManagedObjectReference? Vm,
    string Name,
    string Description,
    int? Id,
    DateTimeOffset? CreateTime,
    string? State,
    bool Quiesced,
    IReadOnlyList<SnapshotTree> Children)
{
    /// <summary>Enumerates this snapshot and every descendant, parents before children.</summary>
    public IEnumerable<SnapshotTree> Flatten()
    {
        yield return this;
        foreach (var descendant in Children.SelectMany(c => c.Flatten()))
        {
            yield return descendant;
        }
    }

    /// <summary>Parses a <c>VirtualMachineSnapshotTree</c> element (recursively).</summary>
    public static SnapshotTree Parse(XElement element)
    {
        ArgumentNullException.ThrowIfNull(element);
        return new SnapshotTree(
            element.MorefChild("snapshot") ?? throw new Faults.VimProtocolException("Snapshot tree node has no 'snapshot'."),
            element.MorefChild("vm"),
            element.Text("name") ?? "",
            element.Text("description") ?? "",
            element.Int("id"),
            element.Time("createTime"),
            element.Text("state"),
            element.Bool("quiesced") ?? false,
            [.. element.Children("childSnapshotList").Select(Parse)]);
    }
}
