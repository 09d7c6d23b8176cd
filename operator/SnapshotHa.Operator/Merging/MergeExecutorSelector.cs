using SnapshotHa.Api.Policies;

namespace SnapshotHa.Operator.Merging;

/// <summary>
/// The registered <see cref="IMergeExecutor"/>: hands each merge to the executor its policy's
/// <c>spec.merge.executor</c> names (Job when unset, as the CRD default).
/// </summary>
/// <param name="inProcess">Executor InProcess.</param>
/// <param name="job">Executor Job.</param>
public sealed class MergeExecutorSelector(InProcessMergeExecutor inProcess, JobMergeExecutor job) : IMergeExecutor
{
    /// <inheritdoc />
    public Task<MergeOutcome?> RunAsync(MergeWork work, CancellationToken cancellationToken) =>
        For(work).RunAsync(work, cancellationToken);

    /// <inheritdoc />
    public Task CommittedAsync(MergeWork work, CancellationToken cancellationToken) =>
        For(work).CommittedAsync(work, cancellationToken);

    private IMergeExecutor For(MergeWork work)
    {
        ArgumentNullException.ThrowIfNull(work);
        return (work.Merge?.Executor ?? MergeExecutor.Job) == MergeExecutor.InProcess ? inProcess : job;
    }
}
