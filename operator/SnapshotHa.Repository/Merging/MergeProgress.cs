namespace SnapshotHa.Repository.Merging;

/// <summary>Progress of a merge, reported every few megabytes.</summary>
/// <param name="DiskKey">The disk being merged.</param>
/// <param name="BytesApplied">Bytes of the layer's allocated ranges applied so far for this disk.</param>
/// <param name="Done">Whether this disk is finished.</param>
public sealed record MergeProgress(string DiskKey, long BytesApplied, bool Done);
