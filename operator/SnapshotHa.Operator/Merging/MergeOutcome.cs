namespace SnapshotHa.Operator.Merging;

/// <summary>A finished merge.</summary>
/// <param name="ManifestId">The committed manifest's id.</param>
/// <param name="LogicalBytes">The image's total disk capacity.</param>
/// <param name="DeltaBytes">The bytes of the merged layers.</param>
/// <param name="NewChunkBytes">Bytes of chunks the repository did not hold before.</param>
/// <param name="ShipSeconds">Time spent opening the layers on the datastore.</param>
/// <param name="MergeSeconds">Time spent streaming and merging.</param>
/// <param name="JobName">The Job that ran the merge, for executor Job.</param>
public sealed record MergeOutcome(
    string ManifestId, long LogicalBytes, long DeltaBytes, long NewChunkBytes, double ShipSeconds, double MergeSeconds, string? JobName);
