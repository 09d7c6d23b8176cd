using Microsoft.Extensions.Logging.Abstractions;
using SnapshotHa.Kube.Status;
using SnapshotHa.Kube.Tests.TestKit;

namespace SnapshotHa.Kube.Tests.Status;

[Collection(SandboxCollection.Name)]
public sealed class EntityStatusWriterIntegrationTests
{
    [Fact]
    public async Task Conflicting_write_is_retried_on_a_fresh_read()
    {
        await using var sandbox = await ApiSandbox.StartAsync();
        var created = await sandbox.CreateAsync("a", "v1");
        var writer = new EntityStatusWriter(sandbox.Client, NullLogger<EntityStatusWriter>.Instance);
        var passes = 0;

        var written = await writer.UpdateStatusAsync(
            created,
            e =>
            {
                if (++passes == 1)
                {
                    // Another writer changes the entity between our read and our write: the server answers 409.
                    sandbox.SetValueAsync("a", "v2").GetAwaiter().GetResult();
                }

                e.Status.Observed = e.Spec.Value;
            },
            CancellationToken.None);

        passes.Should().Be(2);
        written.Status.Observed.Should().Be("v2", "the retry mutates the fresh read");
        (await sandbox.Client.GetAsync<V1TestEntity>("a", "default"))!.Status.Observed.Should().Be("v2");
    }

    [Fact]
    public async Task Injected_conflicts_are_retried_and_generation_is_untouched()
    {
        await using var sandbox = await ApiSandbox.StartAsync();
        var created = await sandbox.CreateAsync("a", "v1");
        var writer = new EntityStatusWriter(sandbox.Client, NullLogger<EntityStatusWriter>.Instance);
        sandbox.Server.FailNext("PUT", $"/apis/{V1TestEntity.Group}/{V1TestEntity.Version}/namespaces/default/{V1TestEntity.Plural}/a/status", 409, times: 2);

        var written = await writer.UpdateStatusAsync(created, e => e.Status.Observed = "done", CancellationToken.None);

        written.Status.Observed.Should().Be("done");
        written.Metadata.Generation.Should().Be(created.Metadata.Generation, "status writes do not bump generation");
    }
}
