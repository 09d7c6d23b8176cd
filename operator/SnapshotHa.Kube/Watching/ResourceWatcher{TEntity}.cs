using System.Text.Json;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;
using SnapshotHa.Kube.Client;
using SnapshotHa.Kube.Entities;
using SnapshotHa.Kube.Health;
using SnapshotHa.Kube.Hosting;
using SnapshotHa.Kube.Metrics;
using SnapshotHa.Kube.Queue;

namespace SnapshotHa.Kube.Watching;

/// <summary>
/// List-then-watch loop for one kind (an informer): lists to learn the state and a resourceVersion, reconciles the
/// cache with the list (synthesising Deleted for entities gone meanwhile), then watches from that resourceVersion
/// with bookmarks and a jittered server timeout. Every event and bookmark advances the resourceVersion, so a watch
/// that ends or breaks resumes where it stopped; 410 Gone (which arrives only through the watch's onError
/// callback) relists; other failures back off exponentially with jitter, capped.
/// </summary>
/// <typeparam name="TEntity">The entity kind.</typeparam>
/// <param name="kubernetes">The Kubernetes API client.</param>
/// <param name="cache">The cache this watcher keeps current.</param>
/// <param name="settings">Namespace, watch timeout and retry delays.</param>
/// <param name="timeProvider">The clock for back-off delays.</param>
/// <param name="metrics">Counts watch restarts.</param>
/// <param name="health">Records progress for <c>/healthz</c> and <c>/readyz</c>.</param>
/// <param name="logger">The logger.</param>
public sealed class ResourceWatcher<TEntity>(
    IKubernetes kubernetes,
    EntityCache<TEntity> cache,
    OperatorSettings settings,
    TimeProvider timeProvider,
    ControllerMetrics metrics,
    WatchHealthRegistry health,
    ILogger<ResourceWatcher<TEntity>> logger)
    where TEntity : IKubernetesObject<V1ObjectMeta>
{
    private const int ListPageSize = 500;
    private static readonly TimeSpan MinQuietWatchDuration = TimeSpan.FromSeconds(1);
    private readonly EntityMetadata _meta = EntityMetadata.For<TEntity>();

    /// <summary>Injected randomness in [0, 1) for timeout and back-off jitter.</summary>
    public Func<double> Random { get; init; } = System.Random.Shared.NextDouble;

    /// <summary>
    /// Runs until <paramref name="cancellationToken"/> is cancelled, calling <paramref name="onEvent"/> for every
    /// change after the cache was updated. Never throws except <see cref="OperationCanceledException"/>.
    /// </summary>
    /// <param name="onEvent">Receives the changes; must not block.</param>
    /// <param name="cancellationToken">Stops the loop.</param>
    /// <returns>A task that completes when the loop stopped.</returns>
    public async Task RunAsync(Action<EntityEvent<TEntity>> onEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(onEvent);
        health.Started(_meta.Kind);
        try
        {
            string? resourceVersion = null;
            var failures = 0;
            while (!cancellationToken.IsCancellationRequested)
            {
                try
                {
                    if (resourceVersion is null)
                    {
                        resourceVersion = await ListAsync(onEvent, cancellationToken);
                        health.Listed(_meta.Kind);
                    }

                    var opened = timeProvider.GetTimestamp();
                    var (lastVersion, events) = await WatchAsync(resourceVersion, onEvent, cancellationToken);
                    resourceVersion = lastVersion;
                    Log.WatchEnded(logger, _meta.Kind, resourceVersion, events);
                    metrics.WatchRestarted(_meta.Kind, events == 0 ? "closed" : "timeout");
                    health.Progressed(_meta.Kind);
                    if (events == 0 && timeProvider.GetElapsedTime(opened) < MinQuietWatchDuration)
                    {
                        // A server that closes watches at once without a single event must not make us spin.
                        await Task.Delay(NextDelay(failures++), timeProvider, cancellationToken);
                    }
                    else
                    {
                        failures = 0;
                    }
                }
                catch (Exception e) when (!cancellationToken.IsCancellationRequested && e.IsGone())
                {
                    Log.WatchExpired(logger, _meta.Kind, resourceVersion);
                    metrics.WatchRestarted(_meta.Kind, "gone");
                    resourceVersion = null;
                }
                catch (Exception e) when (!cancellationToken.IsCancellationRequested)
                {
                    var delay = NextDelay(failures++);
                    Log.WatchFailed(logger, e, _meta.Kind, failures, delay);
                    metrics.WatchRestarted(_meta.Kind, "error");
                    await Task.Delay(delay, timeProvider, cancellationToken);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopped.
        }
        finally
        {
            health.Stopped(_meta.Kind);
        }
    }

    // Cluster-scoped kinds ignore the operator's namespace: they live outside every namespace.
    private string? ListNamespace => _meta.Scope == EntityScope.Cluster ? null : settings.Namespace;

    private TimeSpan NextDelay(int failures) => Backoff.ExponentialWithJitter(
        failures, settings.WatchRetryBaseDelay, settings.WatchRetryMaxDelay, 0.2, Random());

    private async Task<string> ListAsync(Action<EntityEvent<TEntity>> onEvent, CancellationToken cancellationToken)
    {
        var items = new List<TEntity>();
        string? continueToken = null;
        string? resourceVersion = null;
        do
        {
            var page = ListNamespace switch
            {
                null when _meta.Scope == EntityScope.Cluster =>
                    await kubernetes.CustomObjects.ListClusterCustomObjectAsync<EntityList<TEntity>>(
                        _meta.Group, _meta.Version, _meta.Plural, continueParameter: continueToken, limit: ListPageSize,
                        cancellationToken: cancellationToken),
                null => await kubernetes.CustomObjects.ListCustomObjectForAllNamespacesAsync<EntityList<TEntity>>(
                    _meta.Group, _meta.Version, _meta.Plural, continueParameter: continueToken, limit: ListPageSize,
                    cancellationToken: cancellationToken),
                var ns => await kubernetes.CustomObjects.ListNamespacedCustomObjectAsync<EntityList<TEntity>>(
                    _meta.Group, _meta.Version, ns, _meta.Plural, continueParameter: continueToken,
                    limit: ListPageSize, cancellationToken: cancellationToken),
            };
            items.AddRange(page.Items);
            resourceVersion ??= page.Metadata?.ResourceVersion;
            continueToken = page.Metadata?.ContinueProperty;
        }
        while (!string.IsNullOrEmpty(continueToken));

        var listed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entity in items)
        {
            listed.Add(EntityKey.For(entity));
            Apply(WatchEventType.Added, entity, onEvent);
        }

        foreach (var key in cache.Keys.Where(k => !listed.Contains(k)).ToList())
        {
            if (cache.TryGet(key, out var gone))
            {
                Log.SynthesisedDelete(logger, _meta.Kind, key);
                cache.MarkDeleted(key, gone);
                onEvent(new EntityEvent<TEntity>(WatchEventType.Deleted, gone, gone));
            }
        }

        cache.MarkSynced();
        Log.Listed(logger, _meta.Kind, items.Count, resourceVersion ?? string.Empty);
        return resourceVersion ?? string.Empty;
    }

    private async Task<(string ResourceVersion, int Events)> WatchAsync(
        string resourceVersion, Action<EntityEvent<TEntity>> onEvent, CancellationToken cancellationToken)
    {
        var timeoutSeconds = (int)(settings.WatchTimeout.TotalSeconds * (1 + Random()));
        var stream = ListNamespace switch
        {
            null when _meta.Scope == EntityScope.Cluster => kubernetes.CustomObjects.WatchListClusterCustomObjectAsync(
                _meta.Group, _meta.Version, _meta.Plural, allowWatchBookmarks: true,
                resourceVersion: NullIfEmpty(resourceVersion), timeoutSeconds: timeoutSeconds, onError: OnWatchError,
                cancellationToken: cancellationToken),
            null => kubernetes.CustomObjects.WatchListCustomObjectForAllNamespacesAsync(
                _meta.Group, _meta.Version, _meta.Plural, allowWatchBookmarks: true,
                resourceVersion: NullIfEmpty(resourceVersion), timeoutSeconds: timeoutSeconds, onError: OnWatchError,
                cancellationToken: cancellationToken),
            var ns => kubernetes.CustomObjects.WatchListNamespacedCustomObjectAsync(
                _meta.Group, _meta.Version, ns, _meta.Plural, allowWatchBookmarks: true,
                resourceVersion: NullIfEmpty(resourceVersion), timeoutSeconds: timeoutSeconds, onError: OnWatchError,
                cancellationToken: cancellationToken),
        };

        var events = 0;
        await foreach (var (type, item) in stream.WithCancellation(cancellationToken))
        {
            if (item is not JsonElement element)
            {
                continue;
            }

            events++;
            health.Progressed(_meta.Kind);
            if (type == WatchEventType.Bookmark)
            {
                resourceVersion = ReadResourceVersion(element) ?? resourceVersion;
                continue;
            }

            TEntity entity;
            try
            {
                entity = KubernetesJson.Deserialize<TEntity>(element);
            }
            catch (JsonException e)
            {
                Log.UnreadableEvent(logger, e, _meta.Kind);
                resourceVersion = ReadResourceVersion(element) ?? resourceVersion;
                continue;
            }

            resourceVersion = entity.Metadata?.ResourceVersion ?? resourceVersion;
            Apply(type, entity, onEvent);
        }

        return (resourceVersion, events);
    }

    private void Apply(WatchEventType type, TEntity entity, Action<EntityEvent<TEntity>> onEvent)
    {
        // The cache keeps every entity for the operator's lifetime; the field managers' bookkeeping is never read.
        entity.Metadata.ManagedFields = null;
        if (type == WatchEventType.Deleted)
        {
            var key = EntityKey.For(entity);
            cache.TryGet(key, out var previous);
            cache.MarkDeleted(key, entity);
            onEvent(new EntityEvent<TEntity>(WatchEventType.Deleted, entity, previous));
            return;
        }

        var old = cache.Upsert(entity);
        if (old is not null && old.Metadata.ResourceVersion == entity.Metadata.ResourceVersion)
        {
            return;
        }

        onEvent(new EntityEvent<TEntity>(old is null ? WatchEventType.Added : WatchEventType.Modified, entity, old));
    }

    private void OnWatchError(Exception exception)
    {
        switch (exception)
        {
            case WatchStatusException:
                // Our own rethrow, passed once more through the enumerator's catch: let it escape the stream.
                throw exception;
            case KubernetesException status:
                throw new WatchStatusException(status);
            default:
                Log.UnreadableEvent(logger, exception, _meta.Kind);
                break;
        }
    }

    private static string? ReadResourceVersion(JsonElement element) =>
        element.TryGetProperty("metadata", out var metadata)
        && metadata.TryGetProperty("resourceVersion", out var version)
        && version.ValueKind == JsonValueKind.String
            ? version.GetString()
            : null;

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;
}
