using System.Xml.Linq;
using SnapshotHa.Vim.Soap;

namespace SnapshotHa.Vim.Snapshots;

/// <summary>A VM's snapshots (<c>VirtualMachineSnapshotInfo</c>); empty for a VM without snapshots.</summary>
/// <param name="CurrentSnapshot">The snapshot the VM runs on top of, or null.</param>
/// <param name="RootSnapshots">The first-level snapshots with their descendants.</param>
public sealed record VirtualMachineSnapshotInfo(ManagedObjectReference? CurrentSnapshot, IReadOnlyList<SnapshotTree> RootSnapshots)
{
    /// <summary>The snapshot information of a VM that has none.</summary>
    public static readonly VirtualMachineSnapshotInfo None = new(null, []);

    /// <summary>Enumerates every snapshot, parents before children.</summary>
    public IEnumerable<SnapshotTree> All => RootSnapshots.SelectMany(r => r.Flatten());

    /// <summary>Finds a snapshot by object reference, or null.</summary>
    public SnapshotTree? Find(ManagedObjectReference snapshot) => All.FirstOrDefault(s => s.Snapshot == snapshot);

    /// <summary>Finds the snapshots with a given name (names are not unique in vSphere).</summary>
    public IReadOnlyList<SnapshotTree> FindByName(string name) => [.. All.Where(s => s.Name == name)];

    /// <summary>Parses the VM's <c>snapshot</c> property value; null (unset) gives <see cref="None"/>.</summary>
    public static VirtualMachineSnapshotInfo Parse(XElement? element) =>
        element is null
            ? None
            : new VirtualMachineSnapshotInfo(
                element.MorefChild("currentSnapshot"),
                [.. element.Children("rootSnapshotList").Select(SnapshotTree.Parse)]);
}
