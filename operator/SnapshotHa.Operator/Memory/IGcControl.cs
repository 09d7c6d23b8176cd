namespace SnapshotHa.Operator.Memory;

/// <summary>Reads the garbage collector's state and runs the collection that returns free memory (tests fake it).</summary>
public interface IGcControl
{
    /// <summary>Reads what the GC held after its last collection.</summary>
    /// <returns>Committed and live bytes.</returns>
    GcState Read();

    /// <summary>Runs a blocking, compacting collection of every generation that decommits all the free space it can.</summary>
    void CollectAndDecommit();
}
