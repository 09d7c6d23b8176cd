namespace SnapshotHa.Repository.Maintenance;

/// <summary>The outcome of a prune.</summary>
/// <param name="Removed">Ids of the images removed (or that would be, on a dry run).</param>
/// <param name="Garbage">The garbage collection that followed; null on a dry run.</param>
public sealed record PruneReport(IReadOnlyList<string> Removed, GarbageReport? Garbage);
