using System.Collections.Concurrent;
using SnapshotHa.Operator.Hosting;
using SnapshotHa.Operator.Telemetry;
using SnapshotHa.Repository;

namespace SnapshotHa.Operator.Controllers.Protection;

/// <summary>
/// Paces the repository-wide work of the prune step, which would otherwise grow with every series sharing the
/// repository on every cycle: garbage collection (a mark of every image's chunks) runs at most every
/// <see cref="ProtectionOptions.RepositoryGcInterval"/> per repository, and the repository's stored size (a walk of
/// every pack index) is measured at most every <see cref="ProtectionOptions.RepositoryUsageInterval"/>. A pruned
/// image's manifest is deleted at once, so it is gone from restore points immediately; only its unshared chunks wait
/// for the next collection.
/// </summary>
/// <param name="options">The intervals.</param>
/// <param name="timeProvider">Clock.</param>
/// <param name="writers">Orders the collection after this process's merges into the same repository.</param>
public sealed class RepositoryMaintenance(ProtectionOptions options, TimeProvider timeProvider, Merging.RepositoryWriters writers)
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> _collected = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (DateTimeOffset At, long Bytes)> _stored = new(StringComparer.Ordinal);

    /// <summary>Collects garbage in <paramref name="repository"/> when its interval has passed since the last collection.</summary>
    /// <param name="repository">The open repository (its writer lock is taken by the collection).</param>
    /// <param name="cancellationToken">Cancels the collection.</param>
    /// <returns>True when a collection ran.</returns>
    public async Task<bool> CollectGarbageIfDueAsync(ImageRepository repository, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(repository);
        var now = timeProvider.GetUtcNow();
        if (_collected.TryGetValue(repository.Root, out var last) && now - last < options.RepositoryGcInterval)
        {
            return false;
        }

        using (await writers.EnterAsync(repository.Root, cancellationToken))
        {
            await repository.CollectGarbageAsync(cancellationToken);
        }

        _collected[repository.Root] = now;
        return true;
    }

    /// <summary>The series' logical size and the repository's stored size (measured again once its interval passed).</summary>
    /// <param name="repository">The open repository.</param>
    /// <param name="series">The ProtectedVM's series.</param>
    /// <returns>The sizes.</returns>
    public RepositoryUsage Measure(ImageRepository repository, string series)
    {
        ArgumentNullException.ThrowIfNull(repository);
        var now = timeProvider.GetUtcNow();
        var logical = RepositoryUsage.MeasureLogical(repository, series);
        if (!_stored.TryGetValue(repository.Root, out var stored) || now - stored.At >= options.RepositoryUsageInterval)
        {
            stored = (now, RepositoryUsage.MeasureStored(repository));
            _stored[repository.Root] = stored;
        }

        return new RepositoryUsage(logical, stored.Bytes);
    }
}
