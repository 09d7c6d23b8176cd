using System.Net;
using Microsoft.Extensions.Logging.Abstractions;
using SnapshotHa.Kube.Status;
using SnapshotHa.Kube.Tests.TestKit;

namespace SnapshotHa.Kube.Tests.Status;

public sealed class EntityStatusWriterTests
{
    private readonly FakeKubernetesClient _client = new();
    private readonly EntityStatusWriter _writer;
    private readonly V1TestEntity _entity = V1TestEntity.Create("ns", "a");

    public EntityStatusWriterTests()
    {
        _writer = new EntityStatusWriter(_client, NullLogger<EntityStatusWriter>.Instance);
        _client.Seed(_entity);
    }

    [Fact]
    public async Task Writes_the_mutated_status_on_the_latest_read()
    {
        var stale = V1TestEntity.Create("ns", "a");
        _client.Bump("ns/a");

        var written = await _writer.UpdateStatusAsync(stale, e => e.Status.Observed = e.Spec.Value, CancellationToken.None);

        written.Status.Observed.Should().Be("v0");
        _client.Peek<V1TestEntity>("ns/a")!.Status.Observed.Should().Be("v0");
        _client.StatusWrites.Should().Be(1);
    }

    [Fact]
    public async Task Skips_the_write_when_the_status_is_unchanged()
    {
        var written = await _writer.UpdateStatusAsync(_entity, e => e.Status.Observed = "x", CancellationToken.None);

        var again = await _writer.UpdateStatusAsync(written, e => e.Status.Observed = "x", CancellationToken.None);

        _client.StatusWrites.Should().Be(1);
        _client.Reads.Should().Be(0, "the caller held the latest state both times");
        again.Status.Observed.Should().Be("x");
        again.Should().NotBeSameAs(written, "the caller's object is never mutated");
    }

    [Fact]
    public async Task A_caller_holding_the_latest_state_writes_without_a_read_and_keeps_its_object()
    {
        var written = await _writer.UpdateStatusAsync(_entity, e => e.Status.Observed = "x", CancellationToken.None);

        _client.Reads.Should().Be(0);
        _client.StatusWrites.Should().Be(1);
        _entity.Status.Observed.Should().BeNull("the mutation runs on a copy");
        written.Status.Observed.Should().Be("x");
        written.Metadata.ResourceVersion.Should().NotBe(_entity.Metadata.ResourceVersion);
    }

    [Fact]
    public async Task A_stale_copy_meets_a_conflict_and_is_written_on_a_fresh_read()
    {
        _client.Bump("ns/a");

        var written = await _writer.UpdateStatusAsync(_entity, e => e.Status.Observed = e.Metadata.ResourceVersion, CancellationToken.None);

        _client.Reads.Should().Be(1);
        _client.StatusWrites.Should().Be(2, "the stale copy's write is refused, the fresh read's succeeds");
        written.Status.Observed.Should().Be("2", "the mutation ran again on the fresh read");
    }

    [Fact]
    public async Task Retries_on_conflict_from_a_fresh_read()
    {
        var concurrentWrites = 2;
        _client.BeforeWrite = key =>
        {
            if (concurrentWrites-- > 0)
            {
                _client.Bump(key);
            }
        };
        var calls = 0;

        var written = await _writer.UpdateStatusAsync(_entity, e => e.Status.Observed = $"pass{++calls}", CancellationToken.None);

        calls.Should().Be(3, "two conflicting writes are each followed by a fresh read and a new mutation");
        written.Status.Observed.Should().Be("pass3");
        _client.Peek<V1TestEntity>("ns/a")!.Status.Observed.Should().Be("pass3");
    }

    [Fact]
    public async Task Gives_up_after_the_attempt_limit()
    {
        _client.BeforeWrite = _client.Bump;

        var act = () => _writer.UpdateStatusAsync(_entity, e => e.Status.Observed = "x", CancellationToken.None);

        (await act.Should().ThrowAsync<k8s.Autorest.HttpOperationException>())
            .Which.Response.StatusCode.Should().Be(HttpStatusCode.Conflict);
        _client.StatusWrites.Should().Be(EntityStatusWriter.MaxAttempts);
    }

    [Fact]
    public async Task Missing_entity_is_a_clear_error()
    {
        var act = () => _writer.UpdateStatusAsync(V1TestEntity.Create("ns", "gone"), e => e.Status.Observed = "x", CancellationToken.None);

        await act.Should().ThrowAsync<InvalidOperationException>().WithMessage("TestEntity ns/gone no longer exists*");
    }
}
