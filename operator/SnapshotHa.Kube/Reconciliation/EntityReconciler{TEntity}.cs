using k8s;
using k8s.Models;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SnapshotHa.Kube.Client;
using SnapshotHa.Kube.Controller;
using SnapshotHa.Kube.Finalizer;
using SnapshotHa.Kube.Hosting;
using SnapshotHa.Kube.Watching;

namespace SnapshotHa.Kube.Reconciliation;

/// <summary>
/// The reconcile pipeline for one key: read the entity fresh; when it is gone, call <c>DeletedAsync</c> with its
/// last-seen state; when it is being deleted, run our finalizers and remove each with a resourceVersion-checked
/// write; otherwise make sure our finalizers are attached and call <c>ReconcileAsync</c>. The controller and
/// finalizers come from a fresh dependency-injection scope per pass.
/// </summary>
/// <typeparam name="TEntity">The entity kind.</typeparam>
/// <param name="scopes">Creates the scope per pass.</param>
/// <param name="client">Reads and writes the entity.</param>
/// <param name="cache">Provides last-seen states of deleted entities.</param>
/// <param name="settings">Finalizer attach/detach switches.</param>
/// <param name="finalizers">The finalizers registered for the kind.</param>
/// <param name="logger">The logger.</param>
public sealed class EntityReconciler<TEntity>(
    IServiceScopeFactory scopes,
    IKubernetesClient client,
    EntityCache<TEntity> cache,
    OperatorSettings settings,
    IEnumerable<FinalizerRegistration<TEntity>> finalizers,
    ILogger<EntityReconciler<TEntity>> logger)
    where TEntity : IKubernetesObject<V1ObjectMeta>
{
    private readonly string _kind = EntityMetadata.For<TEntity>().Kind;
    private readonly IReadOnlyList<string> _finalizerIds = [.. finalizers.Select(f => f.Identifier).Distinct(StringComparer.Ordinal)];

    /// <summary>Runs the pipeline once for <paramref name="key"/>.</summary>
    /// <param name="key">The namespace/name key.</param>
    /// <param name="cancellationToken">Cancelled when the operator stops or loses leadership.</param>
    /// <returns>What the queue should do with the key next. Controller exceptions become failures.</returns>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    public async Task<ReconcileOutcome> ReconcileAsync(string key, CancellationToken cancellationToken)
    {
        var (ns, name) = EntityKey.Parse(key);
        try
        {
            var entity = await client.GetAsync<TEntity>(name, ns, cancellationToken);
            await using var scope = scopes.CreateAsyncScope();
            var outcome = entity switch
            {
                null => await HandleGoneAsync(key, scope.ServiceProvider, cancellationToken),
                { Metadata.DeletionTimestamp: not null } => await FinalizeAsync(key, entity, scope.ServiceProvider, cancellationToken),
                _ => await ReconcileExistingAsync(key, entity, scope.ServiceProvider, cancellationToken),
            };
            Log.Reconciled(logger, _kind, key, outcome.Kind);
            return outcome;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception e) when (e.IsConflict())
        {
            Log.WriteConflicted(logger, _kind, key);
            return new ReconcileOutcome(ReconcileOutcomeKind.Conflict, Error: e);
        }
        catch (Exception e)
        {
            return new ReconcileOutcome(ReconcileOutcomeKind.Failure, Error: e);
        }
    }

    private async Task<ReconcileOutcome> HandleGoneAsync(
        string key, IServiceProvider services, CancellationToken cancellationToken)
    {
        // Without a tombstone the deletion was not observed yet: the watch event will queue the key again.
        if (!cache.TryGetTombstone(key, out var lastSeen))
        {
            return ReconcileOutcome.Success;
        }

        var controller = services.GetRequiredService<IEntityController<TEntity>>();
        var result = await controller.DeletedAsync(lastSeen, cancellationToken);
        if (result.IsSuccess)
        {
            cache.ForgetTombstone(key, lastSeen);
            Log.DeletionHandled(logger, _kind, key);
        }

        return ReconcileOutcome.From(result);
    }

    private async Task<ReconcileOutcome> FinalizeAsync(
        string key, TEntity entity, IServiceProvider services, CancellationToken cancellationToken)
    {
        foreach (var id in entity.Finalizers()?.Where(_finalizerIds.Contains).ToList() ?? [])
        {
            var finalizer = services.GetRequiredKeyedService<IEntityFinalizer<TEntity>>(id);
            var result = await finalizer.FinalizeAsync(entity, cancellationToken);
            if (result.IsFailure)
            {
                return ReconcileOutcome.From(result);
            }

            entity = result.Entity;
            Log.Finalized(logger, _kind, key, id);
            if (settings.AutoDetachFinalizers)
            {
                entity.RemoveFinalizer(id);

                // Commit step: the cleanup already happened, so the removal must not be abandoned because the
                // reconciliation was cancelled. The resourceVersion in the body still guards against stale writes.
                entity = await client.UpdateAsync(entity, CancellationToken.None);
            }
        }

        return ReconcileOutcome.Success;
    }

    private async Task<ReconcileOutcome> ReconcileExistingAsync(
        string key, TEntity entity, IServiceProvider services, CancellationToken cancellationToken)
    {
        if (settings.AutoAttachFinalizers)
        {
            var missing = _finalizerIds.Where(id => !entity.HasFinalizer(id)).ToList();
            if (missing.Count > 0)
            {
                foreach (var id in missing)
                {
                    entity.AddFinalizer(id);
                }

                entity = await client.UpdateAsync(entity, cancellationToken);
                Log.FinalizersAttached(logger, _kind, key, string.Join(',', missing));
            }
        }

        var controller = services.GetRequiredService<IEntityController<TEntity>>();
        var result = await controller.ReconcileAsync(entity, cancellationToken);
        return ReconcileOutcome.From(result);
    }
}
