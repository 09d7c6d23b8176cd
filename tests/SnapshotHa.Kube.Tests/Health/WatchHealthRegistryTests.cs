using Microsoft.Extensions.Time.Testing;
using SnapshotHa.Kube.Health;

namespace SnapshotHa.Kube.Tests.Health;

public sealed class WatchHealthRegistryTests
{
    private static readonly TimeSpan Stall = TimeSpan.FromMinutes(15);
    private readonly FakeTimeProvider _time = new();
    private readonly WatchHealthRegistry _registry;

    public WatchHealthRegistryTests() => _registry = new WatchHealthRegistry(_time);

    [Fact]
    public void Loop_is_unready_until_listed_and_stays_ready_afterwards()
    {
        _registry.Started("ProtectedVM");
        _registry.UnlistedKinds().Should().Equal("ProtectedVM");

        _registry.Listed("ProtectedVM");
        _registry.Progressed("ProtectedVM");

        _registry.UnlistedKinds().Should().BeEmpty();
    }

    [Fact]
    public void Loop_without_progress_for_the_stall_timeout_is_reported()
    {
        _registry.Started("ProtectedVM");
        _registry.Started("Failover");
        _time.Advance(Stall - TimeSpan.FromSeconds(1));
        _registry.Progressed("Failover");
        _registry.StalledKinds(Stall).Should().BeEmpty();

        _time.Advance(TimeSpan.FromSeconds(2));

        _registry.StalledKinds(Stall).Should().Equal("ProtectedVM");
    }

    [Fact]
    public void Stopped_loops_are_neither_stalled_nor_unready()
    {
        _registry.Started("ProtectedVM");
        _registry.Stopped("ProtectedVM");
        _time.Advance(Stall * 2);

        _registry.StalledKinds(Stall).Should().BeEmpty();
        _registry.UnlistedKinds().Should().BeEmpty();
    }
}
