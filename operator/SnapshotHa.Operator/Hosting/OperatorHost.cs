using k8s;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SnapshotHa.Kube.Health;
using SnapshotHa.Kube.Hosting;
using SnapshotHa.Operator.Telemetry;

namespace SnapshotHa.Operator.Hosting;

/// <summary>Builds the operator process: the controllers plus <c>/healthz</c>, <c>/readyz</c> and <c>/metrics</c>.</summary>
public static class OperatorHost
{
    /// <summary>Builds (does not start) the operator web host.</summary>
    /// <param name="kubernetes">The API server client; the host does not dispose it.</param>
    /// <param name="options">Protection settings.</param>
    /// <param name="listenUrl">Where the probe and metrics endpoints listen, e.g. <c>http://0.0.0.0:8081</c>; null for a free loopback port.</param>
    /// <param name="configureServices">Extra registrations (a snapshot fence, a merge executor, logging).</param>
    /// <param name="configureRuntime">Adjusts the controller runtime.</param>
    /// <returns>The host.</returns>
    public static WebApplication Build(
        IKubernetes kubernetes,
        ProtectionOptions options,
        string? listenUrl,
        Action<IServiceCollection>? configureServices = null,
        Action<OperatorSettings>? configureRuntime = null)
    {
        DefaultMetrics.Configure();
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        // The listen URL wins; ASPNETCORE_HTTP_PORTS (the chart's) is already folded into it by the command line.
        builder.WebHost.UseSetting(WebHostDefaults.HttpPortsKey, string.Empty);
        builder.WebHost.UseSetting(WebHostDefaults.HttpsPortsKey, string.Empty);
        builder.WebHost.UseUrls(listenUrl ?? "http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(kubernetes);
        builder.Services.AddOtlpTracing(builder.Configuration);
        configureServices?.Invoke(builder.Services);
        builder.Services.AddSnapshotHaOperator(options, configureRuntime);
        var app = builder.Build();
        app.MapOperatorEndpoints();
        return app;
    }
}
