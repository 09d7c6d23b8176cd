using SnapshotHa.Disks;
using SnapshotHa.Repository;
using SnapshotHa.Repository.Merging;
using SnapshotHa.RepositoryCli;

namespace SnapshotHa.Operator.Merging;

/// <summary>
/// Executor <c>InProcess</c>: merges inside the operator, reading the frozen layers straight from the datastore
/// with ranged downloads (no staging copy) and calling the repository merge.
/// </summary>
/// <param name="timeProvider">Measures ship and merge time.</param>
/// <param name="writers">Orders merges into one repository in process (none: only the repository's file lock).</param>
public sealed class InProcessMergeExecutor(TimeProvider timeProvider, RepositoryWriters? writers = null) : IMergeExecutor
{
    /// <inheritdoc />
    public async Task<MergeOutcome?> RunAsync(MergeWork work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        var opened = new List<IDiskLayer>();
        try
        {
            var started = timeProvider.GetTimestamp();
            var inputs = new List<LayerInput>();
            foreach (var source in work.Layers)
            {
                var layer = await DatastoreLayers.OpenAsync(work.Client.Datastores, source.Descriptor, source.WholeChain, cancellationToken);
                opened.Add(layer);
                inputs.Add(new LayerInput(source.DiskKey, layer));
            }

            var shipped = timeProvider.GetElapsedTime(started);
            Directory.CreateDirectory(work.RepositoryPath);
            using var turn = writers is null ? null : await writers.EnterAsync(work.RepositoryPath, cancellationToken);
            using var repository = await ImageRepository.OpenAsync(
                work.RepositoryPath, create: true, new RepositoryOptions { CompressionLevel = work.CompressionLevel, TimeProvider = timeProvider }, cancellationToken);
            var mergeStarted = timeProvider.GetTimestamp();
            var result = await repository.MergeAsync(
                new MergeRequest(work.Series, work.ParentManifestId, inputs, work.PointInTime), null, cancellationToken);
            var merged = timeProvider.GetElapsedTime(mergeStarted);
            return new MergeOutcome(
                result.Image.Id,
                result.Image.Disks.Sum(d => d.Capacity),
                result.Disks.Sum(d => d.BytesApplied),
                result.Disks.Sum(d => d.BytesStored),
                shipped.TotalSeconds,
                merged.TotalSeconds,
                null);
        }
        finally
        {
            foreach (var layer in opened)
            {
                await layer.DisposeAsync();
            }
        }
    }
}
