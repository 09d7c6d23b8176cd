namespace SnapshotHa.Fuzz.Targets;

/// <summary>The fuzz targets by name (the repository's manifest target joins this list).</summary>
public static class FuzzTargets
{
    /// <summary>Gets every target.</summary>
    public static IReadOnlyList<IFuzzTarget> All { get; } =
    [
        new DescriptorFuzzTarget(),
        new DiskFuzzTarget(DiskFormat.Kdmv),
        new DiskFuzzTarget(DiskFormat.Cowd),
        new DiskFuzzTarget(DiskFormat.SeSparse),
        new DiskFuzzTarget(DiskFormat.StreamOptimized),
        new PackIndexFuzzTarget(),
    ];

    /// <summary>Returns the target named <paramref name="name"/>.</summary>
    /// <exception cref="ArgumentException">No target has that name.</exception>
    public static IFuzzTarget Get(string name) =>
        All.FirstOrDefault(t => t.Name == name)
        ?? throw new ArgumentException($"Unknown fuzz target '{name}'; known: {string.Join(", ", All.Select(t => t.Name))}", nameof(name));
}
