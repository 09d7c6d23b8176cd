using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using SnapshotHa.Api.Endpoints;
using SnapshotHa.Kube.Client;
using SnapshotHa.Kube.Watching;
using SnapshotHa.Vim;

namespace SnapshotHa.Operator.Controllers.Endpoints;

/// <summary>
/// The shared vim25 sessions, one per VSphereEndpoint: every controller asks here instead of logging in itself.
/// A session is replaced when the endpoint's spec or its Secret changes, or when a caller reports it broken.
/// </summary>
/// <param name="endpoints">Reads endpoints (from the watch cache).</param>
/// <param name="credentials">Turns an endpoint into connection options.</param>
/// <param name="loggerFactory">Logs of the vim25 clients.</param>
/// <param name="timeProvider">Clock of the vim25 clients.</param>
public sealed class EndpointConnections(
    CachedEntityReader<VSphereEndpoint> endpoints, EndpointCredentials credentials, ILoggerFactory loggerFactory, TimeProvider timeProvider) : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, Connection> _connections = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>Returns the session of the endpoint <paramref name="name"/> in <paramref name="ns"/>, connecting when needed.</summary>
    /// <param name="ns">The namespace.</param>
    /// <param name="name">The endpoint name.</param>
    /// <param name="cancellationToken">Cancels the connect.</param>
    /// <returns>The connected client.</returns>
    /// <exception cref="EndpointConfigurationException">The endpoint or its Secret is missing or wrong.</exception>
    public async Task<VimClient> GetAsync(string ns, string name, CancellationToken cancellationToken)
    {
        var endpoint = await endpoints.GetAsync(name, ns, cancellationToken)
            ?? throw new EndpointConfigurationException("EndpointNotFound", $"VSphereEndpoint {ns}/{name} does not exist");
        return await GetAsync(endpoint, cancellationToken);
    }

    /// <summary>Returns the session of <paramref name="endpoint"/>, connecting when needed.</summary>
    /// <param name="endpoint">The endpoint.</param>
    /// <param name="cancellationToken">Cancels the connect.</param>
    /// <returns>The connected client.</returns>
    public async Task<VimClient> GetAsync(VSphereEndpoint endpoint, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        var key = EntityKey.For(endpoint.Metadata.NamespaceProperty, endpoint.Metadata.Name);
        var (options, fingerprint) = await credentials.ResolveAsync(endpoint, cancellationToken);
        if (_connections.TryGetValue(key, out var existing) && existing.Fingerprint == fingerprint)
        {
            return existing.Client;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_connections.TryGetValue(key, out existing))
            {
                if (existing.Fingerprint == fingerprint)
                {
                    return existing.Client;
                }

                _connections.TryRemove(key, out _);
                await existing.Client.DisposeAsync();
            }

            // With spec.datacenter unset the client finds a vCenter's only datacenter itself (ha-datacenter on ESXi).
            var connected = await VimClient.ConnectAsync(options, loggerFactory, timeProvider, cancellationToken);
            _connections[key] = new Connection(fingerprint, connected);
            return connected;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Drops the session of an endpoint (deleted, or found broken); the next caller connects anew.</summary>
    /// <param name="ns">The namespace.</param>
    /// <param name="name">The endpoint name.</param>
    /// <returns>A task that completes when the session is closed.</returns>
    public async Task DropAsync(string? ns, string name)
    {
        if (_connections.TryRemove(EntityKey.For(ns, name), out var connection))
        {
            await connection.Client.DisposeAsync();
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        foreach (var connection in _connections.Values)
        {
            await connection.Client.DisposeAsync();
        }

        _connections.Clear();
        _gate.Dispose();
    }

    private sealed record Connection(string Fingerprint, VimClient Client);
}
