using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using SnapshotHa.Vim.Tls;

namespace SnapshotHa.Vim.Tests.Simulator;

/// <summary>Client of the launcher's control API (<c>/_sim/</c>).</summary>
public sealed class SimulatorControl : IDisposable
{
    private readonly HttpClient _http;
    private readonly Uri _base;

    public SimulatorControl(Uri controlUrl, string? thumbprint)
    {
        _base = new Uri(controlUrl.ToString().TrimEnd('/') + "/");
        var handler = new SocketsHttpHandler();
        if (thumbprint is not null)
        {
            var pinned = CertificateThumbprint.Normalize(thumbprint);
            handler.SslOptions.RemoteCertificateValidationCallback = (_, cert, _, _) =>
                cert is not null && CertificateThumbprint.Compute(cert) == pinned;
        }

        _http = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(60) };
    }

    public Task<JsonNode> ResetAsync() => PostAsync("reset", new { });

    public Task<JsonNode> AddFaultAsync(object rule) => PostAsync("faults", rule);

    /// <summary>Writes bytes into the VM disk's current top layer; returns the layer descriptor path.</summary>
    public async Task<string> WriteAsync(string vm, int disk, long offset, byte[] data)
    {
        var answer = await PostAsync("write", new { vm, disk, writes = new[] { new { offset, data = Convert.ToBase64String(data) } } });
        return answer["results"]![0]!["layer"]!.GetValue<string>();
    }

    /// <summary>Reads what the VM's disk holds (through its whole chain).</summary>
    public async Task<byte[]> ReadAsync(string vm, int disk, long offset, int length)
    {
        var answer = await PostAsync("read", new { vm, disk, offset, length });
        return Convert.FromBase64String(answer["data"]!.GetValue<string>());
    }

    public async Task<JsonNode> StatsAsync()
    {
        var text = await _http.GetStringAsync(new Uri(_base, "stats"));
        return JsonNode.Parse(text)!;
    }

    public async Task<int> CallCountAsync(string method) =>
        (await StatsAsync())["calls"]?[method]?.GetValue<int>() ?? 0;

    public void Dispose() => _http.Dispose();

    private async Task<JsonNode> PostAsync(string path, object body)
    {
        using var response = await _http.PostAsJsonAsync(new Uri(_base, path), body);
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"POST /_sim/{path} failed with {(int)response.StatusCode}: {text}");
        }

        return JsonNode.Parse(text) ?? throw new JsonException($"POST /_sim/{path} answered no JSON.");
    }
}
