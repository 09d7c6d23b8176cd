namespace SnapshotHa.Vim.Properties;

/// <summary>Where a property retrieval starts (<c>ObjectSpec</c>).</summary>
/// <param name="ManagedObject">The starting object.</param>
/// <param name="Skip">Whether to leave the starting object itself out of the results.</param>
/// <param name="SelectSet">Traversals from the starting object.</param>
public sealed record ObjectSpec(ManagedObjectReference ManagedObject, bool Skip = false, IReadOnlyList<TraversalSpec>? SelectSet = null);
