namespace SnapshotHa.Operator.Merging;

/// <summary>Runs the merge of one RecoveryImage (executor <c>InProcess</c> or <c>Job</c>).</summary>
public interface IMergeExecutor
{
    /// <summary>
    /// Merges <paramref name="work"/>'s layers into its parent and returns the committed manifest, or null while the
    /// merge still runs elsewhere (ask again later). Running it twice for the same work yields the same manifest.
    /// </summary>
    /// <param name="work">The merge.</param>
    /// <param name="cancellationToken">Cancels the merge; the repository stays consistent.</param>
    /// <returns>The outcome, or null when not finished yet.</returns>
    Task<MergeOutcome?> RunAsync(MergeWork work, CancellationToken cancellationToken);

    /// <summary>
    /// Called after the image was marked Committed: releases what the executor kept to report the outcome (the merge
    /// Job's result file). Failures are logged by the implementation, never thrown: the image is committed.
    /// </summary>
    /// <param name="work">The merge whose outcome was committed.</param>
    /// <param name="cancellationToken">Cancels the clean-up.</param>
    /// <returns>A task that completes when released.</returns>
    Task CommittedAsync(MergeWork work, CancellationToken cancellationToken) => Task.CompletedTask;
}
