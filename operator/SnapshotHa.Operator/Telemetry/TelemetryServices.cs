using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace SnapshotHa.Operator.Telemetry;

/// <summary>Registers the protection metrics and traces, and the OTLP trace exporter when configured.</summary>
public static class TelemetryServices
{
    /// <summary>Adds <see cref="ProtectionMetrics"/> and <see cref="ProtectionTracing"/> as singletons.</summary>
    /// <param name="services">The service collection.</param>
    /// <returns>The same collection.</returns>
    public static IServiceCollection AddProtectionTelemetry(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ProtectionMetrics>();
        services.TryAddSingleton<ProtectionTracing>();
        return services;
    }

    /// <summary>
    /// Exports the operator's traces with OTLP when the standard environment asks for it
    /// (<see cref="OtlpRequested"/>); the exporter reads its endpoint, protocol, headers and timeout from the same
    /// OTEL_EXPORTER_OTLP_* variables. The service name is <c>snapshotha</c> unless OTEL_SERVICE_NAME says otherwise.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configuration">The host configuration (environment variables included).</param>
    /// <returns>The same collection.</returns>
    public static IServiceCollection AddOtlpTracing(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        if (!OtlpRequested(configuration))
        {
            return services;
        }

        services.AddOpenTelemetry()
            .ConfigureResource(resource =>
            {
                if (string.IsNullOrWhiteSpace(configuration["OTEL_SERVICE_NAME"]))
                {
                    resource.AddService("snapshotha", serviceVersion: typeof(TelemetryServices).Assembly.GetName().Version?.ToString());
                }
            })
            .WithTracing(tracing => tracing.AddSource(ProtectionTracing.SourceName).AddOtlpExporter());
        return services;
    }

    /// <summary>
    /// True when OTEL_TRACES_EXPORTER is <c>otlp</c>, or when an OTLP endpoint (OTEL_EXPORTER_OTLP_ENDPOINT or
    /// OTEL_EXPORTER_OTLP_TRACES_ENDPOINT) is set and OTEL_TRACES_EXPORTER is not <c>none</c>; OTEL_SDK_DISABLED=true wins.
    /// </summary>
    /// <param name="configuration">The configuration.</param>
    /// <returns>Whether traces go to an OTLP endpoint.</returns>
    public static bool OtlpRequested(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        if (string.Equals(configuration["OTEL_SDK_DISABLED"], "true", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var exporter = configuration["OTEL_TRACES_EXPORTER"]?.Trim();
        if (!string.IsNullOrEmpty(exporter))
        {
            return exporter.Split(',').Any(e => string.Equals(e.Trim(), "otlp", StringComparison.OrdinalIgnoreCase));
        }

        return !string.IsNullOrWhiteSpace(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"])
            || !string.IsNullOrWhiteSpace(configuration["OTEL_EXPORTER_OTLP_TRACES_ENDPOINT"]);
    }
}
