using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;
using SnapshotHa.Kube.Client;

namespace SnapshotHa.Kube.Status;

/// <summary>
/// Writes an entity's status with optimistic locking (CloudNativePG's <c>PatchWithOptimisticLock</c>): apply the
/// mutation to a copy of the entity the caller holds, skip the write when the status is unchanged, otherwise replace
/// the status subresource carrying that copy's resourceVersion; on 409 Conflict (the caller's copy was stale) start over
/// from a fresh read. A caller holding the latest state (the reconciled entity, the result of the previous write) thus
/// costs one request per write and none when nothing changes.
/// </summary>
/// <param name="client">Reads the entity and replaces its status.</param>
/// <param name="logger">The logger.</param>
public sealed class EntityStatusWriter(IKubernetesClient client, ILogger<EntityStatusWriter> logger)
{
    /// <summary>How many conflicting writes are retried before the conflict is thrown.</summary>
    public const int MaxAttempts = 5;

    /// <summary>Applies <paramref name="mutate"/> to the latest state of the entity and writes the status.</summary>
    /// <typeparam name="TEntity">The entity kind (with a status subresource).</typeparam>
    /// <param name="entity">The entity (its namespace and name are used).</param>
    /// <param name="mutate">Changes the status; may run several times, on fresh reads, so it must be repeatable.</param>
    /// <param name="cancellationToken">Cancels reads and writes.</param>
    /// <returns>The entity as stored (the fresh read when nothing changed).</returns>
    /// <exception cref="InvalidOperationException">The entity no longer exists.</exception>
    /// <exception cref="k8s.Autorest.HttpOperationException">Another API error, or 409 after <see cref="MaxAttempts"/>.</exception>
    public async Task<TEntity> UpdateStatusAsync<TEntity>(
        TEntity entity, Action<TEntity> mutate, CancellationToken cancellationToken)
        where TEntity : IKubernetesObject<V1ObjectMeta>
    {
        ArgumentNullException.ThrowIfNull(entity);
        ArgumentNullException.ThrowIfNull(mutate);
        var kind = EntityMetadata.For<TEntity>().Kind;
        var ns = entity.Metadata.NamespaceProperty;
        var name = entity.Metadata.Name;
        // Without a resourceVersion a replace would not be checked for conflicts: such a caller's copy is never used.
        var held = string.IsNullOrEmpty(entity.Metadata.ResourceVersion) ? default : KubernetesJson.Deserialize<TEntity>(KubernetesJson.Serialize(entity));
        for (var attempt = 1; ; attempt++)
        {
            var latest = held ?? await client.GetAsync<TEntity>(name, ns, cancellationToken)
                ?? throw new InvalidOperationException($"{kind} {EntityKey.For(ns, name)} no longer exists; its status cannot be written.");
            held = default;
            var before = StatusOf(latest);
            mutate(latest);
            if (JsonNode.DeepEquals(before, StatusOf(latest)))
            {
                Log.StatusUnchanged(logger, kind, ns, name);
                return latest;
            }

            try
            {
                return await client.UpdateStatusAsync(latest, cancellationToken);
            }
            catch (Exception e) when (e.IsConflict() && attempt < MaxAttempts)
            {
                Log.StatusConflict(logger, kind, ns, name, attempt);
            }
        }
    }

    private static JsonNode? StatusOf<TEntity>(TEntity entity) =>
        JsonNode.Parse(KubernetesJson.Serialize(entity))?["status"];
}
