namespace SnapshotHa.Kube.Hosting;

/// <summary>The watch loop, work queue and workers of one controller.</summary>
public interface IControllerRuntime
{
    /// <summary>The controller name (lowercase kind), used in metrics and logs.</summary>
    string Name { get; }

    /// <summary>Keys queued, delayed or being reconciled; 0 when idle or not running.</summary>
    int PendingCount { get; }

    /// <summary>
    /// Watches and reconciles until <paramref name="cancellationToken"/> is cancelled; then drops queued keys,
    /// cancels in-flight reconciliations and returns once every worker finished.
    /// </summary>
    /// <param name="cancellationToken">Stops the controller (shutdown or lost leadership).</param>
    /// <returns>A task that completes when the controller stopped.</returns>
    Task RunAsync(CancellationToken cancellationToken);
}
