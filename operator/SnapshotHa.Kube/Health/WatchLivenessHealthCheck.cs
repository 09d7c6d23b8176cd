using Microsoft.Extensions.Diagnostics.HealthChecks;
using SnapshotHa.Kube.Hosting;

namespace SnapshotHa.Kube.Health;

/// <summary>
/// <c>/healthz</c>: unhealthy when a running watch loop made no progress for
/// <see cref="OperatorSettings.WatchStallTimeout"/> (a silently stuck watch is the classic operator failure).
/// A standby instance, which runs no watch loops, is healthy.
/// </summary>
/// <param name="registry">The watch loops.</param>
/// <param name="settings">The stall timeout.</param>
public sealed class WatchLivenessHealthCheck(WatchHealthRegistry registry, OperatorSettings settings) : IHealthCheck
{
    /// <summary>The tag of liveness checks, mapped at <c>/healthz</c>.</summary>
    public const string Tag = "live";

    /// <inheritdoc />
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var stalled = registry.StalledKinds(settings.WatchStallTimeout);
        return Task.FromResult(stalled.Count == 0
            ? HealthCheckResult.Healthy("Watch loops are progressing.")
            : HealthCheckResult.Unhealthy($"Watch loops stalled for longer than {settings.WatchStallTimeout}: {string.Join(", ", stalled)}."));
    }
}
