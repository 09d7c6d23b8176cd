using System.Security.Authentication;
using Microsoft.Extensions.Logging;
using SnapshotHa.Api.Endpoints;
using SnapshotHa.Kube.Client;
using SnapshotHa.Kube.Controller;
using SnapshotHa.Kube.Reconciliation;
using SnapshotHa.Kube.Status;
using SnapshotHa.Vim;
using SnapshotHa.Vim.Faults;

namespace SnapshotHa.Operator.Controllers.Endpoints;

/// <summary>
/// Keeps a vim25 session per VSphereEndpoint, reports product and API version, runs the host heartbeat loops and
/// reports <c>Connected</c> and <c>HeartbeatHealthy</c> with per-host consecutive misses. Requeues itself every
/// heartbeat interval to publish what the loops saw.
/// </summary>
/// <param name="connections">The shared sessions.</param>
/// <param name="heartbeats">The heartbeat loops.</param>
/// <param name="statusWriter">Writes status.</param>
/// <param name="timeProvider">Clock.</param>
/// <param name="logger">Logs connect failures.</param>
public sealed class VSphereEndpointController(
    EndpointConnections connections,
    HeartbeatMonitor heartbeats,
    EntityStatusWriter statusWriter,
    TimeProvider timeProvider,
    ILogger<VSphereEndpointController> logger) : IEntityController<VSphereEndpoint>
{
    /// <inheritdoc />
    public async Task<ReconciliationResult<VSphereEndpoint>> ReconcileAsync(VSphereEndpoint entity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entity);
        var key = EntityKey.For(entity);
        var settings = HeartbeatSettings.From(entity.Spec.Heartbeat);
        var generation = entity.Metadata.Generation;
        VimClient client;
        try
        {
            client = await connections.GetAsync(entity, cancellationToken);
            var hosts = await client.Hosts.ListAsync(cancellationToken);
            await heartbeats.EnsureAsync(key, client, hosts, settings);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            var reason = ReasonFor(e);
            Log.ConnectFailed(logger, entity.Metadata.NamespaceProperty, entity.Metadata.Name, e.Message);
            await connections.DropAsync(entity.Metadata.NamespaceProperty, entity.Metadata.Name);
            var failed = await statusWriter.UpdateStatusAsync(entity, e2 =>
            {
                e2.Status.ObservedGeneration = generation;
                e2.Status.Set(EndpointConditions.Connected, false, reason, e.Message, generation, timeProvider);
                e2.Status.Set(EndpointConditions.HeartbeatHealthy, false, reason, "No session, so no heartbeats", generation, timeProvider);
            }, cancellationToken);
            return ReconciliationResult<VSphereEndpoint>.Success(failed, settings.Interval);
        }

        var about = client.ServiceContent.About;
        var board = heartbeats.Hosts(key);
        var failedHosts = board.Where(h => h.Failed).ToList();
        var insecure = entity.Spec.Tls.InsecureSkipVerify == true;
        var renewals = client.SessionRenewals;
        var updated = await statusWriter.UpdateStatusAsync(entity, e =>
        {
            var status = e.Status;
            status.ObservedGeneration = generation;
            status.Product = $"{about.FullName}";
            status.VimApiVersion = about.ApiVersion;
            status.ApiType = about.IsHostAgent ? EndpointApiType.HostAgent : EndpointApiType.VirtualCenter;
            status.Hosts = [.. board.Select(h => new HostStatus
            {
                Name = h.Name,
                Moref = h.Moref,
                ConnectionState = h.ConnectionState,
                InMaintenanceMode = h.InMaintenanceMode,
                LastHeartbeatTime = h.LastHeartbeat?.UtcDateTime,
                ConsecutiveMisses = h.ConsecutiveMisses,
            })];
            status.Set(
                EndpointConditions.Connected,
                true,
                insecure ? EndpointConditions.ReasonInsecureConnection : EndpointConditions.ReasonSessionEstablished,
                (insecure
                    ? $"Connected to {about.FullName} WITHOUT verifying its certificate (tls.insecureSkipVerify)"
                    : $"Connected to {about.FullName} (API {about.ApiVersion})")
                    + (renewals > 0 ? $"; the server dropped the session {renewals} time(s), each time logged in again" : ""),
                generation,
                timeProvider);
            status.Set(
                EndpointConditions.HeartbeatHealthy,
                failedHosts.Count == 0,
                failedHosts.Count == 0 ? EndpointConditions.ReasonAllHostsResponding : EndpointConditions.ReasonHostFailed,
                failedHosts.Count == 0
                    ? $"{board.Count} host(s) answer heartbeats"
                    : string.Join("; ", failedHosts.Select(h => $"host {h.Name} missed {h.ConsecutiveMisses} heartbeats: {h.LastError}")),
                generation,
                timeProvider);
        }, cancellationToken);
        return ReconciliationResult<VSphereEndpoint>.Success(updated, settings.Interval);
    }

    /// <inheritdoc />
    public async Task<ReconciliationResult<VSphereEndpoint>> DeletedAsync(VSphereEndpoint entity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entity);
        await heartbeats.StopAsync(EntityKey.For(entity));
        await connections.DropAsync(entity.Metadata.NamespaceProperty, entity.Metadata.Name);
        return ReconciliationResult<VSphereEndpoint>.Success(entity);
    }

    private static string ReasonFor(Exception e) => e switch
    {
        EndpointConfigurationException c => c.Reason,
        InvalidLoginException => EndpointConditions.ReasonLoginFailed,
        AuthenticationException or HttpRequestException { InnerException: AuthenticationException } => EndpointConditions.ReasonCertificateMismatch,
        _ => EndpointConditions.ReasonUnreachable,
    };
}
