namespace SnapshotHa.Vim.VirtualMachines;

/// <summary>
/// The layers of a virtual disk, base first and the layer the VM writes to last, resolved through
/// <c>backing.parent</c> (never from list order).
/// </summary>
/// <param name="Layers">Base first, running top last; never empty.</param>
public sealed record DiskChain(IReadOnlyList<DiskLayer> Layers)
{
    /// <summary>Gets the base disk.</summary>
    public DiskLayer Base => Layers[0];

    /// <summary>Gets the layer the VM currently writes to.</summary>
    public DiskLayer Top => Layers[^1];

    /// <summary>Gets the layer below the top (frozen by the latest snapshot), or null for a disk without snapshots.</summary>
    public DiskLayer? BelowTop => Layers.Count > 1 ? Layers[^2] : null;

    /// <summary>Gets the number of delta layers above the base.</summary>
    public int DeltaCount => Layers.Count - 1;
}
