using SnapshotHa.Api.Failovers;
using SnapshotHa.Api.Protection;
using SnapshotHa.Kube.Client;

namespace SnapshotHa.Operator.Controllers.Failovers;

/// <summary>Tells the protection cycle to hold while a failover moves the VM (all types but Test).</summary>
/// <param name="client">Lists Failovers.</param>
public sealed class FailoverGate(IKubernetesClient client)
{
    /// <summary>Whether a failover of <paramref name="pvm"/> is in progress and protection must not start or continue a cycle.</summary>
    /// <param name="pvm">The ProtectedVM.</param>
    /// <param name="cancellationToken">Cancels the listing.</param>
    /// <returns>True while a failover that moves the VM has not finished.</returns>
    public async Task<bool> HoldsAsync(ProtectedVM pvm, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pvm);
        var failovers = await client.ListAsync<Failover>(pvm.Metadata.NamespaceProperty, null, cancellationToken);
        return FailoverQueries.Of(failovers, pvm).Any(f => FailoverQueries.IsActive(f) && FailoverQueries.MovesTheVm(f));
    }
}
