namespace SnapshotHa.Kube.Events;

/// <summary>Creates <see cref="EventPublisher"/> delegates.</summary>
public interface IEventPublisherFactory
{
    /// <summary>Creates a publisher that writes core/v1 Events attributed to the operator.</summary>
    /// <returns>The publisher.</returns>
    EventPublisher Create();
}
