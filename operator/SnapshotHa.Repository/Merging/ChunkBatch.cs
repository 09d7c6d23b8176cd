namespace SnapshotHa.Repository.Merging;

/// <summary>
/// Consecutive changed chunks handed between pipeline stages together: one thread hand-off per batch rather than per
/// chunk, which matters on a busy machine where every wake-up waits for a time slice.
/// </summary>
internal sealed class ChunkBatch
{
    /// <summary>The most chunks in one batch.</summary>
    public const int MaxChunks = 32;

    public List<ChunkJob> Jobs { get; } = new(MaxChunks);

    public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Release()
    {
        foreach (var job in Jobs)
        {
            job.Release();
        }
    }
}
