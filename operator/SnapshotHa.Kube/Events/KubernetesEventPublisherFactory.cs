using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;
using SnapshotHa.Kube.Client;
using SnapshotHa.Kube.Hosting;

namespace SnapshotHa.Kube.Events;

/// <summary>
/// Creates publishers writing core/v1 Events: the first occurrence creates the Event (count 1), repeats read it
/// and bump count and lastTimestamp. Cluster-scoped entities get their events in <c>default</c>. Failures,
/// including cancellation, are logged and swallowed.
/// </summary>
/// <param name="kubernetes">The Kubernetes API client.</param>
/// <param name="settings">The operator name, used as the event source.</param>
/// <param name="timeProvider">The clock for the timestamps.</param>
/// <param name="logger">The logger.</param>
public sealed class KubernetesEventPublisherFactory(
    IKubernetes kubernetes,
    OperatorSettings settings,
    TimeProvider timeProvider,
    ILogger<KubernetesEventPublisherFactory> logger) : IEventPublisherFactory
{
    private const int MaxAttempts = 3;

    /// <inheritdoc />
    public EventPublisher Create() => PublishAsync;

    private async Task PublishAsync(
        IKubernetesObject<V1ObjectMeta> entity,
        string reason,
        string message,
        EventType type = EventType.Normal,
        CancellationToken cancellationToken = default)
    {
        var ns = entity?.Metadata?.NamespaceProperty ?? "default";
        try
        {
            ArgumentNullException.ThrowIfNull(entity);
            var name = EventNames.For(entity, reason, message, type);
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    var count = await WriteAsync(entity, ns, name, reason, message, type, cancellationToken);
                    Log.Published(logger, reason, entity.Kind, ns, entity.Metadata.Name, count);
                    return;
                }
                catch (Exception e) when (e.IsConflict() && attempt < MaxAttempts)
                {
                    // A concurrent publication of the same event won the race: read and bump again.
                }
            }
        }
        catch (Exception e)
        {
            Log.PublishFailed(logger, e, reason, entity?.Kind ?? "?", ns, entity?.Metadata?.Name ?? "?");
        }
    }

    private async Task<int> WriteAsync(
        IKubernetesObject<V1ObjectMeta> entity,
        string ns,
        string name,
        string reason,
        string message,
        EventType type,
        CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow().UtcDateTime;
        Corev1Event? existing;
        try
        {
            existing = await kubernetes.CoreV1.ReadNamespacedEventAsync(name, ns, cancellationToken: cancellationToken);
        }
        catch (Exception e) when (e.IsNotFound())
        {
            existing = null;
        }

        if (existing is not null)
        {
            existing.Count = (existing.Count ?? 1) + 1;
            existing.LastTimestamp = now;
            await kubernetes.CoreV1.ReplaceNamespacedEventAsync(existing, name, ns, cancellationToken: cancellationToken);
            return existing.Count.Value;
        }

        var created = new Corev1Event
        {
            Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = ns },
            InvolvedObject = new V1ObjectReference
            {
                ApiVersion = entity.ApiVersion,
                Kind = entity.Kind,
                Name = entity.Metadata.Name,
                NamespaceProperty = entity.Metadata.NamespaceProperty,
                Uid = entity.Metadata.Uid,
                ResourceVersion = entity.Metadata.ResourceVersion,
            },
            Reason = reason,
            Message = message,
            Type = type.ToString(),
            Count = 1,
            FirstTimestamp = now,
            LastTimestamp = now,
            Source = new V1EventSource { Component = settings.Name },
            ReportingComponent = settings.Name,
        };
        await kubernetes.CoreV1.CreateNamespacedEventAsync(created, ns, cancellationToken: cancellationToken);
        return 1;
    }
}
