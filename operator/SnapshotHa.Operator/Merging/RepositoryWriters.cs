using System.Collections.Concurrent;
using SnapshotHa.Operator.Concurrency;

namespace SnapshotHa.Operator.Merging;

/// <summary>
/// Orders the operator's own writers of one repository (InProcess merges, garbage collections) in process, before
/// they take the repository's file lock: the file lock is polled (every 100 ms), so several reconcile workers merging
/// into one shared repository would otherwise wait in 100 ms steps; here each writer starts the moment the previous
/// one is done. Writers in other processes (merge Jobs, the CLI) still meet at the file lock.
/// </summary>
public sealed class RepositoryWriters
{
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _gates = new(StringComparer.Ordinal);

    /// <summary>Waits until no other writer of this process works on <paramref name="repositoryPath"/>.</summary>
    /// <param name="repositoryPath">The repository directory.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>The turn, released on dispose.</returns>
    public async Task<IDisposable> EnterAsync(string repositoryPath, CancellationToken cancellationToken)
    {
        var gate = _gates.GetOrAdd(Path.GetFullPath(repositoryPath), _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        return new SemaphoreLease(gate);
    }
}
