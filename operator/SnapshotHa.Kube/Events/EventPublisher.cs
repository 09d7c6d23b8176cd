using k8s;
using k8s.Models;

namespace SnapshotHa.Kube.Events;

/// <summary>
/// Publishes a core/v1 Event about an entity. Repeats of the same entity, reason, message and type are aggregated
/// into one Event whose count and lastTimestamp grow. Publishing never throws: failures are logged, so a
/// reconciliation is never failed by its events. Publishing an event does not trigger a reconciliation.
/// </summary>
/// <param name="entity">The entity the event is about (the involved object).</param>
/// <param name="reason">A short, machine-readable CamelCase reason, e.g. <c>SnapshotCreated</c>.</param>
/// <param name="message">A human-readable message.</param>
/// <param name="type">Normal or Warning.</param>
/// <param name="cancellationToken">Cancels the publication.</param>
/// <returns>A task that completes when the event was written or its failure logged.</returns>
public delegate Task EventPublisher(
    IKubernetesObject<V1ObjectMeta> entity,
    string reason,
    string message,
    EventType type = EventType.Normal,
    CancellationToken cancellationToken = default);
