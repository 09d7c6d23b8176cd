namespace SnapshotHa.Repository.Maintenance;

/// <summary>The outcome of a garbage collection.</summary>
/// <param name="Referenced">Objects still referenced by a committed image.</param>
/// <param name="Deleted">Unreferenced objects and stale temporary files deleted.</param>
/// <param name="BytesFreed">Bytes of the deleted files.</param>
/// <param name="KeptYoung">Unreferenced objects kept because they are younger than the grace period.</param>
public sealed record GarbageReport(long Referenced, long Deleted, long BytesFreed, long KeptYoung);
