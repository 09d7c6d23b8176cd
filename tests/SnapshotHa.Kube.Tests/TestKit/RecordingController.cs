using SnapshotHa.Kube.Client;
using SnapshotHa.Kube.Controller;
using SnapshotHa.Kube.Reconciliation;

namespace SnapshotHa.Kube.Tests.TestKit;

public sealed class RecordingController(ReconcileRecorder recorder) : IEntityController<V1TestEntity>
{
    public async Task<ReconciliationResult<V1TestEntity>> ReconcileAsync(V1TestEntity entity, CancellationToken cancellationToken)
    {
        var key = EntityKey.For(entity);
        recorder.Enter(key);
        try
        {
            // Give a concurrent pass of the same key the chance to show up in the overlap counter.
            await Task.Yield();
            if (recorder.OnReconcile is { } hook)
            {
                await hook(entity, cancellationToken);
            }

            var pass = recorder.Reconciled(key, entity.Spec.Value);
            return recorder.Result?.Invoke(entity, pass) ?? ReconciliationResult<V1TestEntity>.Success(entity);
        }
        finally
        {
            recorder.Exit(key);
        }
    }

    public Task<ReconciliationResult<V1TestEntity>> DeletedAsync(V1TestEntity entity, CancellationToken cancellationToken)
    {
        recorder.Deleted[EntityKey.For(entity)] = entity.Spec.Value;
        recorder.Pulse();
        return Task.FromResult(ReconciliationResult<V1TestEntity>.Success(entity));
    }
}
