namespace SnapshotHa.Operator.Controllers.Protection;

/// <summary>A cycle step needs a snapshot-task slot of a host that has none free; the step is retried shortly.</summary>
/// <param name="host">The host.</param>
public sealed class HostBusyException(string host)
    : Exception($"Host {host} runs its maximum of concurrent snapshot tasks; the step is retried shortly")
{
    /// <summary>Gets the host's managed object id.</summary>
    public string Host { get; } = host;
}
