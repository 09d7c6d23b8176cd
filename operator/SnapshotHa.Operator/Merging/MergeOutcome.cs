using SnapshotHa.RepositoryCli;

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
    string ManifestId, long LogicalBytes, long DeltaBytes, long NewChunkBytes, double ShipSeconds, double MergeSeconds, string? JobName)
{
    /// <summary>Returns the outcome of a merge Job from the result file it wrote.</summary>
    /// <param name="result">The Job's result file.</param>
    /// <param name="jobName">The Job that ran the merge.</param>
    public static MergeOutcome FromJobResult(MergeJobResult result, string? jobName)
    {
        ArgumentNullException.ThrowIfNull(result);
        return new(result.ManifestId, result.LogicalBytes, result.DeltaBytes, result.NewChunkBytes, result.ShipSeconds, result.MergeSeconds, jobName);
    }
}
