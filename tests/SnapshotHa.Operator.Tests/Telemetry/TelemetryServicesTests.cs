using Microsoft.Extensions.Configuration;
using SnapshotHa.Operator.Telemetry;

namespace SnapshotHa.Operator.Tests.Telemetry;

public sealed class TelemetryServicesTests
{
    [Theory]
    [InlineData(null, null, null, false)]
    [InlineData("http://collector:4317", null, null, true)]
    [InlineData("http://collector:4317", "none", null, false)]
    [InlineData(null, "otlp", null, true)]
    [InlineData(null, "console,otlp", null, true)]
    [InlineData(null, "zipkin", null, false)]
    [InlineData("http://collector:4317", null, "true", false)]
    public void Otlp_export_follows_the_standard_environment(string? endpoint, string? exporter, string? disabled, bool expected)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["OTEL_EXPORTER_OTLP_ENDPOINT"] = endpoint,
                ["OTEL_TRACES_EXPORTER"] = exporter,
                ["OTEL_SDK_DISABLED"] = disabled,
            })
            .Build();

        TelemetryServices.OtlpRequested(configuration).Should().Be(expected);
    }
}
