using SnapshotHa.Api.Failovers;
using SnapshotHa.Api.Protection;

namespace SnapshotHa.Operator.Controllers.Failovers;

/// <summary>Questions about the Failovers of a ProtectedVM.</summary>
public static class FailoverQueries
{
    /// <summary>Whether the failover has not finished yet.</summary>
    /// <param name="failover">The failover.</param>
    /// <returns>True before Succeeded or Failed.</returns>
    public static bool IsActive(Failover failover)
    {
        ArgumentNullException.ThrowIfNull(failover);
        return failover.Status?.Phase is not (FailoverPhase.Succeeded or FailoverPhase.Failed);
    }

    /// <summary>Whether the failover takes the VM away from its source (all but Test), so protection must hold.</summary>
    /// <param name="failover">The failover.</param>
    /// <returns>True for Unplanned, Planned and Failback.</returns>
    public static bool MovesTheVm(Failover failover)
    {
        ArgumentNullException.ThrowIfNull(failover);
        return failover.Spec.Type != FailoverType.Test;
    }

    /// <summary>Whether the failover takes a final image before restoring (Planned and Failback).</summary>
    /// <param name="failover">The failover.</param>
    /// <returns>True for Planned and Failback.</returns>
    public static bool NeedsFinalImage(Failover failover)
    {
        ArgumentNullException.ThrowIfNull(failover);
        return failover.Spec.Type is FailoverType.Planned or FailoverType.Failback;
    }

    /// <summary>Whether the failover has powered its source off and waits for the final image.</summary>
    /// <param name="failover">The failover.</param>
    /// <returns>True while a Planned failover or Failback is fenced in phase Fencing.</returns>
    public static bool AwaitsFinalImage(Failover failover)
    {
        ArgumentNullException.ThrowIfNull(failover);
        return NeedsFinalImage(failover)
            && failover.Status?.Phase == FailoverPhase.Fencing
            && failover.Status.FinalImageAfterSequence is not null;
    }

    /// <summary>The failovers of <paramref name="pvm"/> among <paramref name="all"/>.</summary>
    /// <param name="all">Failovers of any namespace.</param>
    /// <param name="pvm">The ProtectedVM.</param>
    /// <returns>Those in its namespace that reference it.</returns>
    public static IEnumerable<Failover> Of(IEnumerable<Failover> all, ProtectedVM pvm)
    {
        ArgumentNullException.ThrowIfNull(pvm);
        return all.Where(f => f.Metadata.NamespaceProperty == pvm.Metadata.NamespaceProperty && f.Spec.ProtectedVMRef.Name == pvm.Metadata.Name);
    }
}
