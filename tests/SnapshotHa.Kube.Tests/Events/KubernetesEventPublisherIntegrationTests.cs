using k8s;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using SnapshotHa.Kube.Events;
using SnapshotHa.Kube.Hosting;
using SnapshotHa.Kube.Tests.TestKit;

namespace SnapshotHa.Kube.Tests.Events;

[Collection(SandboxCollection.Name)]
public sealed class KubernetesEventPublisherIntegrationTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 4, 5, 6, 7, TimeSpan.Zero));

    private EventPublisher Publisher(ApiSandbox sandbox) => new KubernetesEventPublisherFactory(
        sandbox.Kubernetes, new OperatorSettings { Name = "snapshotha" }, _time, NullLogger<KubernetesEventPublisherFactory>.Instance).Create();

    [Fact]
    public async Task Repeats_are_aggregated_into_one_event()
    {
        await using var sandbox = await ApiSandbox.StartAsync();
        var entity = await sandbox.CreateAsync("a", "v1");
        var publish = Publisher(sandbox);

        await publish(entity, "SnapshotCreated", "Created snapshot s1");
        _time.Advance(TimeSpan.FromMinutes(1));
        await publish(entity, "SnapshotCreated", "Created snapshot s1");
        await publish(entity, "SnapshotFailed", "Host unreachable", EventType.Warning);

        var events = (await sandbox.Kubernetes.CoreV1.ListNamespacedEventAsync("default")).Items;
        events.Should().HaveCount(2);
        var repeated = events.Single(e => e.Reason == "SnapshotCreated");
        repeated.Metadata.Name.Should().Be(EventNames.For(entity, "SnapshotCreated", "Created snapshot s1", EventType.Normal));
        repeated.Count.Should().Be(2);
        repeated.FirstTimestamp.Should().Be(new DateTime(2026, 3, 4, 5, 6, 7, DateTimeKind.Utc));
        repeated.LastTimestamp.Should().Be(new DateTime(2026, 3, 4, 5, 7, 7, DateTimeKind.Utc));
        repeated.InvolvedObject.Name.Should().Be("a");
        repeated.InvolvedObject.Uid.Should().Be(entity.Metadata.Uid);
        repeated.Source.Component.Should().Be("snapshotha");
        events.Single(e => e.Reason == "SnapshotFailed").Type.Should().Be("Warning");
    }

    [Fact]
    public async Task Server_errors_are_swallowed()
    {
        await using var sandbox = await ApiSandbox.StartAsync();
        var entity = await sandbox.CreateAsync("a", "v1");
        sandbox.Server.FailNext("GET", "/api/v1/namespaces/default/events", 500, times: 1);

        await FluentActions.Awaiting(() => Publisher(sandbox)(entity, "Anything", "message")).Should().NotThrowAsync();

        (await sandbox.Kubernetes.CoreV1.ListNamespacedEventAsync("default")).Items.Should().BeEmpty();
    }
}
