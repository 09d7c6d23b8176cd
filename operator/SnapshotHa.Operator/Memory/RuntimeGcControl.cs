namespace SnapshotHa.Operator.Memory;

/// <summary>The runtime's garbage collector.</summary>
public sealed class RuntimeGcControl : IGcControl
{
    /// <inheritdoc />
    public GcState Read()
    {
        var info = GC.GetGCMemoryInfo();
        return new GcState(info.TotalCommittedBytes, Math.Max(0, info.HeapSizeBytes - info.FragmentedBytes));
    }

    /// <inheritdoc />
    public void CollectAndDecommit() => GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
}
