namespace SnapshotHa.Operator.Controllers.Protection;

/// <summary>
/// Brackets the creation of one of our snapshots: whatever must not straddle the snapshot (an application flush,
/// a test workload) waits until the returned handle is disposed. The default does nothing.
/// </summary>
public interface ISnapshotFence
{
    /// <summary>Enters the fence before snapshot <paramref name="snapshotName"/> of VM <paramref name="vmMoref"/> is created.</summary>
    /// <param name="vmMoref">The VM's managed object id.</param>
    /// <param name="snapshotName">The snapshot about to be created.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>A handle released after the snapshot exists (or its creation failed).</returns>
    Task<IAsyncDisposable> EnterAsync(string vmMoref, string snapshotName, CancellationToken cancellationToken);
}
