using SnapshotHa.Api.Failovers;
using SnapshotHa.Api.Protection;
using SnapshotHa.Kube.Client;

namespace SnapshotHa.Operator.Controllers.Failovers;

/// <summary>
/// Tells the protection cycle what a failover in progress needs: hold (the VM is moving, all types but Test), or a
/// final snapshot right away (a Planned failover or Failback has powered the source off and waits for its last image).
/// </summary>
/// <param name="client">Lists Failovers.</param>
public sealed class FailoverGate(IKubernetesClient client)
{
    /// <summary>What the failovers of <paramref name="pvm"/> ask of its protection cycle.</summary>
    /// <param name="pvm">The ProtectedVM.</param>
    /// <param name="cancellationToken">Cancels the listing.</param>
    /// <returns>None, Hold or FinalSnapshot.</returns>
    public async Task<FailoverHold> CheckAsync(ProtectedVM pvm, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pvm);
        var failovers = await client.ListAsync<Failover>(pvm.Metadata.NamespaceProperty, null, cancellationToken);
        var active = FailoverQueries.Of(failovers, pvm).Where(f => FailoverQueries.IsActive(f) && FailoverQueries.MovesTheVm(f)).ToList();
        if (active.Count == 0)
        {
            return FailoverHold.None;
        }

        return active.All(FailoverQueries.AwaitsFinalImage) ? FailoverHold.FinalSnapshot : FailoverHold.Hold;
    }
}
