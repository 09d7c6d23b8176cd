using k8s.Models;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using SnapshotHa.Kube.Controller;
using SnapshotHa.Kube.Finalizer;
using SnapshotHa.Kube.Hosting;
using SnapshotHa.Kube.Reconciliation;
using SnapshotHa.Kube.Tests.TestKit;
using SnapshotHa.Kube.Watching;

namespace SnapshotHa.Kube.Tests.Reconciliation;

public sealed class EntityReconcilerTests : IDisposable
{
    private readonly FakeKubernetesClient _client = new();
    private readonly EntityCache<V1TestEntity> _cache = new();
    private readonly ReconcileRecorder _recorder = new();
    private readonly ServiceProvider _services;
    private readonly EntityReconciler<V1TestEntity> _reconciler;

    public EntityReconcilerTests()
    {
        var services = new ServiceCollection();
        services.AddSingleton(_recorder);
        services.AddScoped<IEntityController<V1TestEntity>, RecordingController>();
        services.AddKeyedTransient<IEntityFinalizer<V1TestEntity>, RecordingFinalizer>(RecordingFinalizer.Identifier);
        _services = services.BuildServiceProvider();
        _reconciler = new EntityReconciler<V1TestEntity>(
            _services.GetRequiredService<IServiceScopeFactory>(),
            _client,
            _cache,
            new OperatorSettings(),
            [new FinalizerRegistration<V1TestEntity>(RecordingFinalizer.Identifier)],
            NullLogger<EntityReconciler<V1TestEntity>>.Instance);
    }

    public void Dispose() => _services.Dispose();

    [Fact]
    public async Task Attaches_the_finalizer_then_reconciles()
    {
        _client.Seed(V1TestEntity.Create("ns", "a", "v1"));

        var outcome = await _reconciler.ReconcileAsync("ns/a", CancellationToken.None);

        outcome.Kind.Should().Be(ReconcileOutcomeKind.Success);
        _client.Peek<V1TestEntity>("ns/a")!.Metadata.Finalizers.Should().Equal(RecordingFinalizer.Identifier);
        _recorder.LastReconciledValue["ns/a"].Should().Be("v1");
    }

    [Fact]
    public async Task Conflict_while_attaching_is_requeued_without_reconciling()
    {
        _client.Seed(V1TestEntity.Create("ns", "a"));
        _client.BeforeWrite = _client.Bump;

        var outcome = await _reconciler.ReconcileAsync("ns/a", CancellationToken.None);

        outcome.Kind.Should().Be(ReconcileOutcomeKind.Conflict);
        _recorder.Reconciles.Should().Be(0);
    }

    [Fact]
    public async Task Gone_entity_without_an_observed_deletion_waits_for_the_watch()
    {
        var outcome = await _reconciler.ReconcileAsync("ns/unknown", CancellationToken.None);

        outcome.Kind.Should().Be(ReconcileOutcomeKind.Success);
        _recorder.Deleted.Should().BeEmpty();
    }

    [Fact]
    public async Task Gone_entity_with_a_tombstone_is_reported_once()
    {
        var lastSeen = V1TestEntity.Create("ns", "a", "last");
        _cache.Upsert(lastSeen);
        _cache.MarkDeleted("ns/a", lastSeen);

        await _reconciler.ReconcileAsync("ns/a", CancellationToken.None);
        await _reconciler.ReconcileAsync("ns/a", CancellationToken.None);

        _recorder.Deleted.Should().ContainSingle().Which.Value.Should().Be("last");
        _cache.TryGetTombstone("ns/a", out _).Should().BeFalse();
    }

    [Fact]
    public async Task Deleting_entity_is_finalized_and_only_our_finalizer_removed()
    {
        var entity = V1TestEntity.Create("ns", "a");
        entity.Metadata.Finalizers = ["example.com/other", RecordingFinalizer.Identifier];
        entity.Metadata.DeletionTimestamp = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        _client.Seed(entity);

        var outcome = await _reconciler.ReconcileAsync("ns/a", CancellationToken.None);

        outcome.Kind.Should().Be(ReconcileOutcomeKind.Success);
        _recorder.Finalized["ns/a"].Should().Be(1);
        _client.Peek<V1TestEntity>("ns/a")!.Metadata.Finalizers.Should().Equal("example.com/other");
        _recorder.Reconciles.Should().Be(0, "a deleting entity is finalized, not reconciled");
    }

    [Fact]
    public async Task Controller_exception_is_a_failure_outcome()
    {
        _client.Seed(V1TestEntity.Create("ns", "a"));
        _recorder.OnReconcile = (_, _) => throw new InvalidOperationException("boom");

        var outcome = await _reconciler.ReconcileAsync("ns/a", CancellationToken.None);

        outcome.Kind.Should().Be(ReconcileOutcomeKind.Failure);
        outcome.Error.Should().BeOfType<InvalidOperationException>().Which.Message.Should().Be("boom");
    }

    [Fact]
    public async Task Cancellation_propagates()
    {
        _client.Seed(V1TestEntity.Create("ns", "a"));
        using var cts = new CancellationTokenSource();
        _recorder.OnReconcile = async (_, ct) =>
        {
            await cts.CancelAsync();
            ct.ThrowIfCancellationRequested();
        };

        await FluentActions.Awaiting(() => _reconciler.ReconcileAsync("ns/a", cts.Token))
            .Should().ThrowAsync<OperationCanceledException>();
    }

    [Fact]
    public void Outcome_maps_results()
    {
        var entity = V1TestEntity.Create("ns", "a");

        ReconcileOutcome.From(ReconciliationResult<V1TestEntity>.Success(entity)).Kind.Should().Be(ReconcileOutcomeKind.Success);
        ReconcileOutcome.From(ReconciliationResult<V1TestEntity>.Success(entity, TimeSpan.FromSeconds(3)))
            .Should().Be(new ReconcileOutcome(ReconcileOutcomeKind.RequeueAfter, TimeSpan.FromSeconds(3)));
        var failure = ReconcileOutcome.From(ReconciliationResult<V1TestEntity>.Failure(entity, "no host", requeueAfter: TimeSpan.FromSeconds(9)));
        failure.Kind.Should().Be(ReconcileOutcomeKind.Failure);
        failure.Delay.Should().Be(TimeSpan.FromSeconds(9));
        failure.Error!.Message.Should().Be("no host");
    }
}
