using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using SnapshotHa.Kube.Health;
using SnapshotHa.Kube.Tests.TestKit;

namespace SnapshotHa.Kube.Tests.Health;

[Collection(SandboxCollection.Name)]
public sealed class OperatorEndpointsIntegrationTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Probes_and_metrics_are_served()
    {
        await using var sandbox = await ApiSandbox.StartAsync();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        var (kubernetes, _, recorder, _) = OperatorInstance.Configure(builder.Services, sandbox, null, withFinalizer: false);
        await using var app = builder.Build();
        app.MapOperatorEndpoints();
        await app.StartAsync();
        using var http = app.GetTestClient();

        await sandbox.CreateAsync("a", "v1");
        await recorder.WaitUntilAsync(() => recorder.LastReconciledValue.ContainsKey("default/a"), Timeout, "a is reconciled");

        using var ready = await http.GetAsync(new Uri("/readyz", UriKind.Relative));
        ready.StatusCode.Should().Be(HttpStatusCode.OK, "the initial list is done");
        using var live = await http.GetAsync(new Uri("/healthz", UriKind.Relative));
        live.StatusCode.Should().Be(HttpStatusCode.OK);
        var metrics = await http.GetStringAsync(new Uri("/metrics", UriKind.Relative));
        metrics.Should().Contain("snapshotha_controller_reconcile_total{controller=\"testentity\",result=\"success\"}")
            .And.Contain("snapshotha_controller_reconcile_time_seconds_bucket")
            .And.Contain("snapshotha_workqueue_adds_total{name=\"testentity\"}");

        await app.StopAsync();
        kubernetes.Dispose();
    }
}
