using SnapshotHa.Api.Failovers;
using SnapshotHa.Api.Policies;
using SnapshotHa.Api.Protection;
using SnapshotHa.Vim;

namespace SnapshotHa.Operator.Controllers.Failovers;

/// <summary>What one reconcile of a Failover works with.</summary>
/// <param name="Failover">The failover.</param>
/// <param name="Pvm">Its ProtectedVM.</param>
/// <param name="Policy">The ProtectedVM's policy; null when it is gone (defaults apply).</param>
/// <param name="Vim">The endpoint's session.</param>
/// <param name="EndpointKey">The endpoint's namespace/name (heartbeat lookups).</param>
public sealed record FailoverContext(Failover Failover, ProtectedVM Pvm, SnapshotPolicy? Policy, VimClient Vim, string EndpointKey)
{
    /// <summary>Gets the policy's failover settings (defaults without a policy).</summary>
    public FailoverPolicySpec FailoverPolicy => Policy?.Spec.Failover ?? new FailoverPolicySpec();
}
