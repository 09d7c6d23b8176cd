using SnapshotHa.Vim;

namespace SnapshotHa.Operator.Controllers.Failovers;

/// <summary>Where a failover brings the VM up.</summary>
/// <param name="Host">The host.</param>
/// <param name="HostName">The host's name.</param>
/// <param name="Datastore">The datastore name.</param>
/// <param name="Folder">The datastore folder of the recovered VM's files.</param>
public sealed record RecoveryTarget(ManagedObjectReference Host, string HostName, string Datastore, string Folder);
