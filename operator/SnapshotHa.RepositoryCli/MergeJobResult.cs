namespace SnapshotHa.RepositoryCli;

/// <summary>
/// What <c>snapshotha merge --result-file</c> writes when the merge committed: the merge Job's outcome as the
/// operator reads it back.
/// </summary>
/// <param name="ManifestId">The committed manifest's id.</param>
/// <param name="LogicalBytes">The image's total disk capacity.</param>
/// <param name="DeltaBytes">The bytes of the merged layers.</param>
/// <param name="NewChunkBytes">Bytes of chunks the repository did not hold before.</param>
/// <param name="ShipSeconds">Time spent opening the layers on the datastore.</param>
/// <param name="MergeSeconds">Time spent streaming and merging.</param>
public sealed record MergeJobResult(
    string ManifestId, long LogicalBytes, long DeltaBytes, long NewChunkBytes, double ShipSeconds, double MergeSeconds);
