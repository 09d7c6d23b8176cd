namespace SnapshotHa.Operator.Memory;

/// <summary>What the garbage collector holds after its last collection.</summary>
/// <param name="CommittedBytes">Memory the GC has committed.</param>
/// <param name="LiveBytes">The heap after the collection, free space (fragmentation) excluded.</param>
public sealed record GcState(long CommittedBytes, long LiveBytes);
