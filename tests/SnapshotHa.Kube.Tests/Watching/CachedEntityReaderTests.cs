using SnapshotHa.Kube.Tests.TestKit;
using SnapshotHa.Kube.Watching;

namespace SnapshotHa.Kube.Tests.Watching;

public sealed class CachedEntityReaderTests
{
    [Fact]
    public async Task Before_the_first_list_reads_go_to_the_API_server()
    {
        var client = new FakeKubernetesClient();
        client.Seed(V1TestEntity.Create("default", "a", "server"));
        var reader = new CachedEntityReader<V1TestEntity>(new EntityCache<V1TestEntity>(), client);

        (await reader.ListAsync(null, CancellationToken.None)).Select(e => e.Metadata.Name).Should().Equal("a");
        (await reader.GetAsync("a", "default", CancellationToken.None))!.Spec.Value.Should().Be("server");
    }

    [Fact]
    public async Task Once_synced_lists_and_gets_are_served_from_the_cache()
    {
        var client = new FakeKubernetesClient();
        client.Seed(V1TestEntity.Create("default", "a", "server"));
        var cache = new EntityCache<V1TestEntity>();
        cache.Upsert(V1TestEntity.Create("default", "a", "cached"));
        cache.Upsert(V1TestEntity.Create("other", "b", "cached"));
        cache.MarkSynced();
        var reader = new CachedEntityReader<V1TestEntity>(cache, client);

        (await reader.GetAsync("a", "default", CancellationToken.None))!.Spec.Value.Should().Be("cached");
        (await reader.ListAsync(null, CancellationToken.None)).Select(e => e.Metadata.Name).Should().BeEquivalentTo(["a", "b"]);
        (await reader.ListAsync("other", CancellationToken.None)).Select(e => e.Metadata.Name).Should().Equal("b");
    }

    [Fact]
    public async Task A_key_the_cache_does_not_hold_yet_is_read_from_the_API_server()
    {
        var client = new FakeKubernetesClient();
        client.Seed(V1TestEntity.Create("default", "new", "server"));
        var cache = new EntityCache<V1TestEntity>();
        cache.MarkSynced();
        var reader = new CachedEntityReader<V1TestEntity>(cache, client);

        (await reader.GetAsync("new", "default", CancellationToken.None))!.Spec.Value.Should().Be("server");
        (await reader.GetAsync("missing", "default", CancellationToken.None)).Should().BeNull();
    }
}
