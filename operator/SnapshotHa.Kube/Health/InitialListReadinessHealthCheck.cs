using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace SnapshotHa.Kube.Health;

/// <summary>
/// <c>/readyz</c>: not ready until every running watch loop completed its initial list. A standby instance, which
/// runs no watch loops, is ready.
/// </summary>
/// <param name="registry">The watch loops.</param>
public sealed class InitialListReadinessHealthCheck(WatchHealthRegistry registry) : IHealthCheck
{
    /// <summary>The tag of readiness checks, mapped at <c>/readyz</c>.</summary>
    public const string Tag = "ready";

    /// <inheritdoc />
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var unlisted = registry.UnlistedKinds();
        return Task.FromResult(unlisted.Count == 0
            ? HealthCheckResult.Healthy("Initial lists are done.")
            : HealthCheckResult.Unhealthy($"Initial lists pending: {string.Join(", ", unlisted)}."));
    }
}
