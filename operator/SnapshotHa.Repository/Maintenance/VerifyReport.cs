namespace SnapshotHa.Repository.Maintenance;

/// <summary>The outcome of a verification.</summary>
/// <param name="Images">Images checked.</param>
/// <param name="Pages">Distinct index pages re-hashed.</param>
/// <param name="Chunks">Distinct chunks re-hashed.</param>
/// <param name="Problems">What is missing or corrupt; empty when everything re-hashed.</param>
public sealed record VerifyReport(int Images, long Pages, long Chunks, IReadOnlyList<string> Problems)
{
    /// <summary>Gets whether every referenced object re-hashed to its name.</summary>
    public bool Ok => Problems.Count == 0;
}
