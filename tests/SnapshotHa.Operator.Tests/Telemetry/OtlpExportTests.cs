using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Trace;
using SnapshotHa.Api.Protection;
using SnapshotHa.Operator.Telemetry;

namespace SnapshotHa.Operator.Tests.Telemetry;

[Collection(TracingCollection.Name)]
public sealed class OtlpExportTests
{
    [Fact]
    public async Task Spans_reach_the_OTLP_endpoint_named_by_the_environment_and_nothing_is_exported_without_it()
    {
        var received = new ConcurrentQueue<(string Path, string? ContentType, byte[] Body)>();
        var uid = Guid.NewGuid().ToString();
        var receiver = WebApplication.CreateSlimBuilder();
        receiver.WebHost.UseUrls("http://127.0.0.1:0");
        await using var app = receiver.Build();
        app.MapPost("/v1/traces", async (HttpContext context) =>
        {
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body);
            received.Enqueue((context.Request.Path, context.Request.ContentType, body.ToArray()));
            return Results.Ok();
        });
        await app.StartAsync();

        Export(new Dictionary<string, string?>(), uid).Should().BeFalse("no OTEL_* variable asks for export");
        Export(new Dictionary<string, string?>
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = app.Urls.First(),
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
        }, uid).Should().BeTrue();
        await app.StopAsync();

        // Tests running in parallel trace through the same ActivitySource, so their spans may be exported as well:
        // every request must be OTLP/protobuf on /v1/traces and exactly one must carry this test's cycle (its uid tag).
        received.Should().NotBeEmpty().And.OnlyContain(r => r.Path == "/v1/traces" && r.ContentType == "application/x-protobuf");
        received.Where(r => Contains(r.Body, uid)).Should().ContainSingle("the cycle's span carries the ProtectedVM uid");
    }

    private static bool Contains(byte[] body, string text) =>
        body.AsSpan().IndexOf(System.Text.Encoding.UTF8.GetBytes(text)) >= 0;

    /// <summary>Builds the services with <paramref name="environment"/> as configuration, traces one cycle of a ProtectedVM with <paramref name="uid"/>, flushes.</summary>
    private static bool Export(Dictionary<string, string?> environment, string uid)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(environment).Build();
        var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration);
        services.AddOtlpTracing(configuration);
        using var provider = services.BuildServiceProvider();
        var tracer = provider.GetService<TracerProvider>();
        if (tracer is null)
        {
            return false;
        }

        var pvm = new ProtectedVM { Metadata = new() { Name = "db", NamespaceProperty = "prod", Uid = uid } };
        var tracing = new ProtectionTracing(TimeProvider.System);
        var cycle = new CycleProgress { Id = "cycle-1", Step = CycleStep.CreatingSnapshot, Sequence = 1 };
        cycle = cycle with { TraceParent = tracing.StartCycle(pvm, cycle) };
        tracing.EndCycle(pvm, cycle);
        return tracer.ForceFlush(10_000);
    }
}
