using SnapshotHa.Api.Failovers;
using SnapshotHa.Api.Protection;
using SnapshotHa.Kube.Watching;

namespace SnapshotHa.Operator.Controllers.Failovers;

/// <summary>
/// Tells the protection cycle what a failover in progress needs: hold (the VM is moving, all types but Test), or a
/// final snapshot right away (a Planned failover or Failback has powered the source off and waits for its last image).
/// </summary>
/// <param name="failovers">Failovers from the watch cache (no API call per reconcile).</param>
public sealed class FailoverGate(CachedEntityReader<Failover> failovers)
{
    /// <summary>What the failovers of <paramref name="pvm"/> ask of its protection cycle.</summary>
    /// <param name="pvm">The ProtectedVM.</param>
    /// <param name="cancellationToken">Cancels the listing.</param>
    /// <returns>None, Hold or FinalSnapshot.</returns>
    public async Task<FailoverHold> CheckAsync(ProtectedVM pvm, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pvm);
        var active = FailoverQueries.Of(await failovers.ListAsync(pvm.Metadata.NamespaceProperty, cancellationToken), pvm).Where(f => FailoverQueries.IsActive(f) && FailoverQueries.MovesTheVm(f)).ToList();
        if (active.Count == 0)
        {
            return FailoverHold.None;
        }

        return active.All(FailoverQueries.AwaitsFinalImage) ? FailoverHold.FinalSnapshot : FailoverHold.Hold;
    }
}
