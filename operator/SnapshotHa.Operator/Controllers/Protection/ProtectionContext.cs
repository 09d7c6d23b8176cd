using SnapshotHa.Api.Policies;
using SnapshotHa.Api.Protection;
using SnapshotHa.Operator.Policies;
using SnapshotHa.Vim;
using SnapshotHa.Vim.VirtualMachines;

namespace SnapshotHa.Operator.Controllers.Protection;

/// <summary>What one reconcile of a ProtectedVM works with, resolved from its references.</summary>
/// <param name="Pvm">The ProtectedVM.</param>
/// <param name="Policy">Its SnapshotPolicy.</param>
/// <param name="Schedule">The policy's schedule in engine units.</param>
/// <param name="Client">The endpoint's vim25 session.</param>
/// <param name="Facts">The VM as the endpoint sees it now.</param>
/// <param name="EndpointKey">The endpoint's namespace/name (heartbeat lookups).</param>
/// <param name="RepositoryPath">The local repository directory.</param>
/// <param name="Series">The repository series of this ProtectedVM.</param>
public sealed record ProtectionContext(
    ProtectedVM Pvm,
    SnapshotPolicy Policy,
    ScheduleSettings Schedule,
    VimClient Client,
    VirtualMachineFacts Facts,
    string EndpointKey,
    string RepositoryPath,
    string Series);
