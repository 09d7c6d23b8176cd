using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using SnapshotHa.Kube.Metrics;
using SnapshotHa.Operator.Tests.EndToEnd;

namespace SnapshotHa.Operator.Tests.Telemetry;

/// <summary>The heartbeat metrics while the simulator's host stops responding and comes back.</summary>
public sealed class HeartbeatMetricsTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(40);

    [Fact]
    public async Task A_host_that_stops_responding_counts_misses_turns_failed_and_recovers()
    {
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        var (sandbox, data) = await SandboxFixture.StartAsync(vms: 1, TimeSpan.FromSeconds(30), keepLast: 5, cancellation.Token);
        await using var environment = sandbox;
        var registry = Prometheus.Metrics.NewCustomRegistry();
        await environment.StartOperatorAsync(services => services.AddSingleton(new ControllerMetrics(registry)), cancellation.Token);
        var ready = environment.Simulator.Ready;
        using var control = ControlClient(ready.ControlUrl, ready.Thumbprint);
        var host = new { host = ready.Vms[0].Host };

        await WaitForAsync(s => s.Of("snapshotha_host_heartbeats_total").Sum(x => x.Value) >= 1, "a first heartbeat");
        var before = await ScrapedMetrics.CollectAsync(registry);
        before.Of("snapshotha_host_failed").Should().ContainSingle().Which.Value.Should().Be(0);
        before.Of("snapshotha_host_heartbeat_misses_total").Should().ContainSingle().Which.Value.Should().Be(0);

        (await control.PostAsJsonAsync("fail-host", new { host = ready.Vms[0].Host, mode = "fault" }, cancellation.Token)).EnsureSuccessStatusCode();
        var failed = await WaitForAsync(s => s.Of("snapshotha_host_failed").Single().Value == 1, "the host counted as failed");
        failed.Of("snapshotha_host_heartbeat_misses_total").Single().Value.Should().BeGreaterThanOrEqualTo(3, "the endpoint fails a host after 3 misses");
        failed.Of("snapshotha_host_heartbeat_consecutive_misses").Single().Value.Should().BeGreaterThanOrEqualTo(3);
        failed.Of("snapshotha_host_connection_state", ("state", "NotResponding")).Single().Value.Should().Be(1);

        (await control.PostAsJsonAsync("restore-host", host, cancellation.Token)).EnsureSuccessStatusCode();
        var recovered = await WaitForAsync(s => s.Of("snapshotha_host_failed").Single().Value == 0, "the host answering again");
        recovered.Of("snapshotha_host_connection_state", ("state", "Connected")).Single().Value.Should().Be(1);
        recovered.Of("snapshotha_host_heartbeat_consecutive_misses").Single().Value.Should().Be(0);
        recovered.Of("snapshotha_host_heartbeat_misses_total").Single().Value.Should().BeGreaterThanOrEqualTo(3, "the miss counter never goes back");
        await environment.StopOperatorAsync();
        data.Delete(recursive: true);

        async Task<ScrapedMetrics> WaitForAsync(Func<ScrapedMetrics, bool> condition, string what)
        {
            ScrapedMetrics? last = null;
            await SandboxFixture.WaitUntilAsync(async () => condition(last = await ScrapedMetrics.CollectAsync(registry)), Timeout, what);
            return last!;
        }
    }

    /// <summary>An HTTP client for the simulator's host failure calls (fail-host, restore-host), pinned like the sandbox's.</summary>
    private static HttpClient ControlClient(string controlUrl, string? thumbprint)
    {
        var handler = new SocketsHttpHandler();
        if (thumbprint is not null)
        {
            var pinned = thumbprint.Replace(":", "", StringComparison.Ordinal);
            handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, _) =>
                certificate is not null && string.Equals(certificate.GetCertHashString(System.Security.Cryptography.HashAlgorithmName.SHA256), pinned, StringComparison.OrdinalIgnoreCase);
        }

        return new HttpClient(handler) { BaseAddress = new Uri(controlUrl.TrimEnd('/') + "/") };
    }
}
