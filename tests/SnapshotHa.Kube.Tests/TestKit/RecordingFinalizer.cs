using SnapshotHa.Kube.Client;
using SnapshotHa.Kube.Finalizer;
using SnapshotHa.Kube.Reconciliation;

namespace SnapshotHa.Kube.Tests.TestKit;

public sealed class RecordingFinalizer(ReconcileRecorder recorder) : IEntityFinalizer<V1TestEntity>
{
    public const string Identifier = "test.snapshotha.io/cleanup";

    public Task<ReconciliationResult<V1TestEntity>> FinalizeAsync(V1TestEntity entity, CancellationToken cancellationToken)
    {
        recorder.Finalized.AddOrUpdate(EntityKey.For(entity), 1, (_, n) => n + 1);
        recorder.Pulse();
        return Task.FromResult(ReconciliationResult<V1TestEntity>.Success(entity));
    }
}
