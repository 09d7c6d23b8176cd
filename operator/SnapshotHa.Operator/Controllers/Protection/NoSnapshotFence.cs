namespace SnapshotHa.Operator.Controllers.Protection;

/// <summary>The default fence: snapshots are crash-consistent (or quiesced by VMware Tools), nothing waits.</summary>
public sealed class NoSnapshotFence : ISnapshotFence, IAsyncDisposable
{
    /// <inheritdoc />
    public Task<IAsyncDisposable> EnterAsync(string vmMoref, string snapshotName, CancellationToken cancellationToken) =>
        Task.FromResult<IAsyncDisposable>(this);

    /// <inheritdoc />
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
