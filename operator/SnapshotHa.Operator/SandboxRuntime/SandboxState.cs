using System.Text.Json;

namespace SnapshotHa.Operator.SandboxRuntime;

/// <summary>
/// What a running sandbox tells other terminals: the simulator's control API (for <c>snapshotha sandbox fail-host</c>
/// and friends) and its VMs. Written next to the kubeconfig as <c>&lt;kubeconfig&gt;.state.json</c>, removed on exit.
/// </summary>
/// <param name="ControlUrl">The simulator's control API base URL.</param>
/// <param name="Thumbprint">The simulator's pinned certificate thumbprint, or null without TLS.</param>
/// <param name="Vms">The simulated VMs (name, moref, host moref).</param>
public sealed record SandboxState(string ControlUrl, string? Thumbprint, IReadOnlyList<SandboxStateVm> Vms)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    /// <summary>The state file of the sandbox whose kubeconfig is <paramref name="kubeconfigPath"/>.</summary>
    /// <param name="kubeconfigPath">The kubeconfig path.</param>
    /// <returns>The state file path.</returns>
    public static string PathFor(string kubeconfigPath) => Path.GetFullPath(kubeconfigPath) + ".state.json";

    /// <summary>Writes the state atomically (temporary file, then rename).</summary>
    /// <param name="path">The state file.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes when written.</returns>
    public async Task WriteAsync(string path, CancellationToken cancellationToken)
    {
        var temporary = path + ".tmp";
        await File.WriteAllTextAsync(temporary, JsonSerializer.Serialize(this, Json), cancellationToken);
        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>Reads the state of a running sandbox.</summary>
    /// <param name="path">The state file.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The state.</returns>
    /// <exception cref="FileNotFoundException">No sandbox runs with that kubeconfig.</exception>
    /// <exception cref="InvalidDataException">The file is not a sandbox state.</exception>
    public static async Task<SandboxState> ReadAsync(string path, CancellationToken cancellationToken)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"{path} does not exist: is a sandbox running with this --kubeconfig?", path);
        }

        try
        {
            var state = JsonSerializer.Deserialize<SandboxState>(await File.ReadAllTextAsync(path, cancellationToken), Json);
            return state is { ControlUrl.Length: > 0 } ? state : throw new InvalidDataException($"{path}: controlUrl is missing");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path} is not a sandbox state file: {e.Message}", e);
        }
    }
}
