using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using SnapshotHa.Kube.Metrics;

namespace SnapshotHa.Kube.Health;

/// <summary>Maps the operator's probe and metrics endpoints.</summary>
public static class OperatorEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps <c>/healthz</c> (watch loops progressing), <c>/readyz</c> (initial lists done) and <c>/metrics</c>
    /// (Prometheus text format of <see cref="ControllerMetrics.Registry"/>). Requires
    /// <c>AddKubernetesOperator</c>, which registers the health checks.
    /// </summary>
    /// <param name="endpoints">The endpoint builder (a WebApplication).</param>
    /// <returns>The builder.</returns>
    public static IEndpointRouteBuilder MapOperatorEndpoints(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapHealthChecks("/healthz", new HealthCheckOptions
        {
            Predicate = r => r.Tags.Contains(WatchLivenessHealthCheck.Tag),
        });
        endpoints.MapHealthChecks("/readyz", new HealthCheckOptions
        {
            Predicate = r => r.Tags.Contains(InitialListReadinessHealthCheck.Tag),
        });
        endpoints.MapGet("/metrics", async context =>
        {
            var metrics = context.RequestServices.GetRequiredService<ControllerMetrics>();
            context.Response.ContentType = "text/plain; version=0.0.4; charset=utf-8";
            await metrics.Registry.CollectAndExportAsTextAsync(context.Response.Body, context.RequestAborted);
        });
        return endpoints;
    }
}
