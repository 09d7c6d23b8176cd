using Microsoft.Extensions.Hosting;
using SnapshotHa.Kube.LeaderElection;
using SnapshotHa.Kube.Metrics;

namespace SnapshotHa.Kube.Hosting;

/// <summary>
/// Runs every registered controller — at once without leader election, or only while this instance holds the
/// lease. Stopping the host cancels the controllers and waits until their workers finished.
/// </summary>
/// <param name="controllers">The registered controllers.</param>
/// <param name="settings">The election type.</param>
/// <param name="leaderElection">Runs the election when enabled.</param>
/// <param name="state">Leadership state, set directly when no election runs.</param>
/// <param name="metrics">The leader gauge.</param>
public sealed class OperatorBackgroundService(
    IEnumerable<IControllerRuntime> controllers,
    OperatorSettings settings,
    LeaderElectionRunner leaderElection,
    LeadershipState state,
    ControllerMetrics metrics) : BackgroundService
{
    private readonly IReadOnlyList<IControllerRuntime> _controllers = [.. controllers];

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Do not hold up host start-up (dotnet/runtime#36063): everything below runs in the background.
        await Task.Yield();
        if (settings.LeaderElectionType == LeaderElectionType.Single)
        {
            await leaderElection.RunAsync(RunControllersAsync, stoppingToken);
            return;
        }

        state.SetLeading(true);
        metrics.SetLeader(settings.Name, true);
        try
        {
            await RunControllersAsync(stoppingToken);
        }
        finally
        {
            state.SetLeading(false);
            metrics.SetLeader(settings.Name, false);
        }
    }

    private Task RunControllersAsync(CancellationToken cancellationToken) =>
        Task.WhenAll(_controllers.Select(c => c.RunAsync(cancellationToken)));
}
