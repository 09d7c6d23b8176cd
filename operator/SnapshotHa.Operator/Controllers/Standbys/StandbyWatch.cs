using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SnapshotHa.Api.Common;
using SnapshotHa.Api.Failovers;
using SnapshotHa.Api.Images;
using SnapshotHa.Api.Policies;
using SnapshotHa.Api.Protection;
using SnapshotHa.Kube.Client;
using SnapshotHa.Kube.LeaderElection;
using SnapshotHa.Kube.Status;
using SnapshotHa.Kube.Watching;
using SnapshotHa.Operator.Controllers.Endpoints;
using SnapshotHa.Operator.Controllers.Failovers;
using SnapshotHa.Vim;
using SnapshotHa.Vim.Datastores;
using SnapshotHa.Vim.Hosts;

namespace SnapshotHa.Operator.Controllers.Standbys;

/// <summary>
/// Keeps <c>spec.standby.count</c> powered-off standby VMs per ProtectedVM on healthy hosts other than the VM's
/// (first by name), each refreshed to the latest committed image at most every <c>spec.standby.refreshInterval</c>
/// (<see cref="StandbyRefresher"/>); their image sequences are in <c>status.standbys</c>. Waits while a failover moves
/// the VM.
/// </summary>
/// <param name="client">Reads RecoveryImages and the ProtectedVM after a standby changed.</param>
/// <param name="protectedVms">ProtectedVMs from the watch cache.</param>
/// <param name="failovers">Failovers from the watch cache.</param>
/// <param name="policies">SnapshotPolicies from the watch cache.</param>
/// <param name="statusWriter">Writes status.standbys.</param>
/// <param name="connections">The endpoints' sessions.</param>
/// <param name="heartbeats">Healthy hosts.</param>
/// <param name="refresher">Creates and refreshes standbys.</param>
/// <param name="options">Check interval.</param>
/// <param name="leadership">Only the leading replica checks.</param>
/// <param name="timeProvider">Clock and timer.</param>
/// <param name="logger">Logs failures.</param>
public sealed class StandbyWatch(
    IKubernetesClient client,
    CachedEntityReader<ProtectedVM> protectedVms,
    CachedEntityReader<Failover> failovers,
    CachedEntityReader<SnapshotPolicy> policies,
    EntityStatusWriter statusWriter,
    EndpointConnections connections,
    HeartbeatMonitor heartbeats,
    StandbyRefresher refresher,
    FailoverOptions options,
    LeadershipState leadership,
    TimeProvider timeProvider,
    ILogger<StandbyWatch> logger) : BackgroundService
{
    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.CheckInterval, timeProvider);
        do
        {
            try
            {
                var pvms = leadership.IsLeading ? await protectedVms.ListAsync(null, stoppingToken) : [];
                foreach (var pvm in pvms)
                {
                    await KeepAsync(pvm, stoppingToken);
                }
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                Log.StandbyFailed(logger, null, "*", e.Message);
            }
        }
        while (await Hosting.PeriodicTicks.NextAsync(timer, stoppingToken));
    }

    private async Task KeepAsync(ProtectedVM pvm, CancellationToken cancellationToken)
    {
        var ns = pvm.Metadata.NamespaceProperty;
        var policy = await policies.GetAsync(pvm.Spec.PolicyRef.Name, ns, cancellationToken);
        var count = policy?.Spec.Standby?.Count ?? 0;
        if (count <= 0 || pvm.Status?.LatestCommittedImage is not { } latest || pvm.Status.Vm?.Host is not { } vmHost)
        {
            return;
        }

        var mine = FailoverQueries.Of(await failovers.ListAsync(ns, cancellationToken), pvm).ToList();
        if (mine.Any(f => FailoverQueries.IsActive(f) && FailoverQueries.MovesTheVm(f)))
        {
            return;
        }

        var generation = mine.Count(f => FailoverQueries.MovesTheVm(f) && f.Status?.Phase == FailoverPhase.Succeeded);

        try
        {
            var vim = await connections.GetAsync(ns ?? "default", pvm.Spec.EndpointRef.Name, cancellationToken);
            var endpointKey = EntityKey.For(ns, pvm.Spec.EndpointRef.Name);
            var hosts = (await vim.Hosts.ListAsync(cancellationToken))
                .Where(h => h.ConnectionState == HostConnectionState.Connected && !h.InMaintenanceMode && h.Name != vmHost)
                .Where(h => heartbeats.Host(endpointKey, h.Host.Value) is not { ConsecutiveMisses: > 0 })
                .OrderBy(h => h.Name, StringComparer.Ordinal)
                .ToList();
            var image = await client.GetAsync<RecoveryImage>(latest.Name, ns, cancellationToken);
            if (image?.Status?.ManifestId is null)
            {
                return;
            }

            var refreshEvery = GoDuration.TryParse(policy!.Spec.Standby!.RefreshInterval, out var r) ? r : TimeSpan.Zero;
            for (var index = 0; index < count; index++)
            {
                await KeepOneAsync(vim, pvm, index, hosts, image, refreshEvery, generation, cancellationToken);
                pvm = await client.GetAsync<ProtectedVM>(pvm.Metadata.Name, ns, cancellationToken) ?? pvm;
            }
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            Log.StandbyFailed(logger, ns, pvm.Metadata.Name, e.Message);
        }
    }

    private async Task KeepOneAsync(
        VimClient vim, ProtectedVM pvm, int index, IReadOnlyList<HostFacts> hosts, RecoveryImage image, TimeSpan refreshEvery, int generation, CancellationToken cancellationToken)
    {
        var name = StandbyNames.Vm(pvm, index);
        var current = pvm.Status?.Standbys?.FirstOrDefault(s => s.Name == name);
        var now = timeProvider.GetUtcNow().UtcDateTime;
        if (current?.Moref is { } moref && current.ImageSequence is { } held)
        {
            if (held >= image.Spec.Sequence || (current.RefreshedTime is { } last && now - last < refreshEvery))
            {
                return;
            }

            await refresher.RefreshAsync(vim, pvm, new ManagedObjectReference("VirtualMachine", moref), held, image, cancellationToken);
            await RecordAsync(pvm, current with { ImageSequence = image.Spec.Sequence, RefreshedTime = now }, cancellationToken);
            return;
        }

        var host = hosts.Skip(index).FirstOrDefault();
        var datastore = pvm.Spec.Recovery?.Datastore
            ?? (pvm.Status?.Vm?.Disks?.FirstOrDefault()?.FileName is { } file && DatastorePath.TryParse(file, out var path) ? path.Datastore : null);
        if (host is null || datastore is null)
        {
            return;
        }

        var vm = await refresher.CreateAsync(vim, pvm, name, host.Host, datastore, image, generation, cancellationToken);
        await RecordAsync(pvm, new StandbyStatus { Name = name, Moref = vm.Value, Host = host.Name, ImageSequence = image.Spec.Sequence, RefreshedTime = now }, cancellationToken);
    }

    private Task<ProtectedVM> RecordAsync(ProtectedVM pvm, StandbyStatus standby, CancellationToken cancellationToken) =>
        statusWriter.UpdateStatusAsync(pvm, p =>
        {
            p.Status ??= new ProtectedVMStatus();
            var list = (p.Status.Standbys ?? []).Where(s => s.Name != standby.Name).Append(standby).OrderBy(s => s.Name, StringComparer.Ordinal).ToList();
            p.Status.Standbys = list;
        }, cancellationToken);
}
