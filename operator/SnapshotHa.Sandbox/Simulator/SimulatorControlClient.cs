using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace SnapshotHa.Sandbox.Simulator;

/// <summary>Client of the simulator's control API (<c>/_sim/</c>): guest writes and reads, faults, failures.</summary>
public sealed class SimulatorControlClient : IDisposable
{
    private readonly HttpClient _http;
    private readonly Uri _base;

    /// <summary>Creates the client; with a thumbprint only that certificate is accepted.</summary>
    /// <param name="controlUrl">The control API base URL.</param>
    /// <param name="thumbprint">The pinned SHA-256 thumbprint (colon-separated hex), or null for plain HTTP.</param>
    public SimulatorControlClient(Uri controlUrl, string? thumbprint)
    {
        ArgumentNullException.ThrowIfNull(controlUrl);
        _base = new Uri(controlUrl.ToString().TrimEnd('/') + "/");
        var handler = new SocketsHttpHandler();
        if (thumbprint is not null)
        {
            var pinned = thumbprint.Replace(":", "", StringComparison.Ordinal).ToUpperInvariant();
            handler.SslOptions.RemoteCertificateValidationCallback = (_, cert, _, _) =>
                cert is not null && Convert.ToHexString(SHA256.HashData(cert.GetRawCertData())) == pinned;
        }

        _http = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(60) };
    }

    /// <summary>Writes <paramref name="data"/> at <paramref name="offset"/> of a VM disk's current top layer.</summary>
    /// <returns>A task that completes when the write is on the simulated disk.</returns>
    public Task WriteAsync(string vm, int disk, long offset, byte[] data, CancellationToken cancellationToken) =>
        PostAsync("write", new { vm, disk, echo = false, writes = new[] { new { offset, data = Convert.ToBase64String(data) } } }, cancellationToken);

    /// <summary>Writes <paramref name="length"/> random bytes (seeded by <paramref name="seed"/>) at <paramref name="offset"/>.</summary>
    /// <returns>A task that completes when the write is on the simulated disk.</returns>
    public Task WriteRandomAsync(string vm, int disk, long offset, int length, long seed, CancellationToken cancellationToken) =>
        PostAsync("write", new { vm, disk, echo = false, writes = new[] { new { offset, length, random = true, seed } } }, cancellationToken);

    /// <summary>Reads what a VM disk holds through its whole chain.</summary>
    /// <returns>The bytes.</returns>
    public async Task<byte[]> ReadAsync(string vm, int disk, long offset, int length, CancellationToken cancellationToken)
    {
        var answer = await PostAsync("read", new { vm, disk, offset, length }, cancellationToken);
        return Convert.FromBase64String(answer["data"]!.GetValue<string>());
    }

    /// <summary>Adds a fault rule (see the README's rule table).</summary>
    /// <returns>The stored rule.</returns>
    public Task<JsonNode> AddFaultAsync(object rule, CancellationToken cancellationToken) => PostAsync("faults", rule, cancellationToken);

    /// <summary>Clears faults, failures and statistics.</summary>
    /// <returns>The answer.</returns>
    public Task<JsonNode> ResetAsync(CancellationToken cancellationToken) => PostAsync("reset", new { }, cancellationToken);

    /// <summary>Fails a host: API calls on it and its VMs fault (<paramref name="mode"/> <c>fault</c>) or hang (<c>hang</c>).</summary>
    /// <param name="host">Host moref or name.</param>
    /// <param name="powerOffVms">True when the host died (its VMs stop); false models a partition (they keep running).</param>
    /// <param name="mode"><c>fault</c> or <c>hang</c>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The answer.</returns>
    public Task<JsonNode> FailHostAsync(string host, bool powerOffVms, string mode, CancellationToken cancellationToken) =>
        PostAsync("fail-host", new { host, mode, powerOffVms }, cancellationToken);

    /// <summary>Reconnects a failed or partitioned host (its VMs keep their power state).</summary>
    /// <returns>The answer.</returns>
    public Task<JsonNode> RestoreHostAsync(string host, CancellationToken cancellationToken) => PostAsync("restore-host", new { host }, cancellationToken);

    /// <summary>Cuts the management network of a host: API calls on it fail, its VMs keep running.</summary>
    /// <returns>The answer.</returns>
    public Task<JsonNode> PartitionAsync(string host, CancellationToken cancellationToken) => PostAsync("partition", new { host }, cancellationToken);

    /// <summary>Ends a partition.</summary>
    /// <returns>The answer.</returns>
    public Task<JsonNode> HealAsync(string host, CancellationToken cancellationToken) => PostAsync("heal", new { host }, cancellationToken);

    /// <summary>Crashes a VM: powered off, guest heartbeat red.</summary>
    /// <returns>The answer.</returns>
    public Task<JsonNode> CrashVmAsync(string vm, CancellationToken cancellationToken) => PostAsync("crash-vm", new { vm }, cancellationToken);

    /// <summary>Powers a crashed VM on again, guest heartbeat green.</summary>
    /// <returns>The answer.</returns>
    public Task<JsonNode> RestoreVmAsync(string vm, CancellationToken cancellationToken) => PostAsync("restore-vm", new { vm }, cancellationToken);

    /// <summary>Sets a VM's guest heartbeat (<c>green</c>, <c>yellow</c>, <c>red</c>, <c>gray</c>).</summary>
    /// <returns>The answer.</returns>
    public Task<JsonNode> HeartbeatAsync(string vm, string status, CancellationToken cancellationToken) => PostAsync("heartbeat", new { vm, status }, cancellationToken);

    /// <summary>Reads the VMs with their chains and snapshots.</summary>
    /// <returns>The answer of <c>GET /_sim/vms</c>.</returns>
    public async Task<JsonNode> VmsAsync(CancellationToken cancellationToken) =>
        JsonNode.Parse(await _http.GetStringAsync(new Uri(_base, "vms"), cancellationToken))!;

    /// <summary>Reads the simulator's call counts: every SOAP call since the start or the last reset.</summary>
    /// <returns>The answer of <c>GET /_sim/stats</c>: <c>total</c>, <c>calls</c> by method, <c>folder</c> by HTTP method.</returns>
    public async Task<JsonNode> StatsAsync(CancellationToken cancellationToken) =>
        JsonNode.Parse(await _http.GetStringAsync(new Uri(_base, "stats"), cancellationToken))!;

    /// <inheritdoc />
    public void Dispose() => _http.Dispose();

    private async Task<JsonNode> PostAsync(string path, object body, CancellationToken cancellationToken)
    {
        using var response = await _http.PostAsJsonAsync(new Uri(_base, path), body, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"POST /_sim/{path} failed with {(int)response.StatusCode}: {text}");
        }

        return JsonNode.Parse(text) ?? throw new JsonException($"POST /_sim/{path} answered no JSON.");
    }
}
