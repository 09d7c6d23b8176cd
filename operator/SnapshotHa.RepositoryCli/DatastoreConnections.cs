using System.CommandLine;
using System.Security.Authentication;
using SnapshotHa.Disks;
using SnapshotHa.Vim;
using SnapshotHa.Vim.Faults;

namespace SnapshotHa.RepositoryCli;

/// <summary>
/// The vSphere sessions of one command run: one per server, opened on the first datastore URL that names it and
/// logged out on dispose. Turns connection failures into messages that name the URL and the option to fix.
/// </summary>
/// <param name="parse">The parsed command line (credential and TLS options).</param>
/// <param name="vsphere">The vSphere options of the command.</param>
/// <param name="error">Where warnings go.</param>
public sealed class DatastoreConnections(ParseResult parse, VsphereCliOptions vsphere, TextWriter error) : IAsyncDisposable
{
    private readonly Dictionary<Uri, VimClient> _clients = [];

    /// <summary>Opens the layer at <paramref name="layer"/>, streaming it with ranged reads.</summary>
    /// <param name="key">The disk key, named in errors.</param>
    /// <param name="layer">The datastore URL.</param>
    /// <param name="wholeChain">True to open the layer with all its parents; false for the single layer.</param>
    /// <param name="cancellationToken">Cancels connecting and reading.</param>
    /// <returns>The opened layer; the caller disposes it before this object.</returns>
    /// <exception cref="ArgumentException">Credentials are missing or an option is malformed.</exception>
    /// <exception cref="UnauthorizedAccessException">The server refused the credentials.</exception>
    /// <exception cref="IOException">The server's TLS certificate failed the check.</exception>
    /// <exception cref="FileNotFoundException">The descriptor or an extent does not exist on the datastore.</exception>
    public async Task<IDiskLayer> OpenLayerAsync(string key, DatastoreLayerUrl layer, bool wholeChain, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(layer);
        var client = await ConnectAsync(layer, cancellationToken);
        try
        {
            return await DatastoreLayers.OpenAsync(client.Datastores, layer.Descriptor, wholeChain, cancellationToken);
        }
        catch (FileNotFoundException e)
        {
            throw new FileNotFoundException($"--disk {key}: {layer} was not found on the datastore: {e.Message}", layer.Descriptor.ToString(), e);
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException($"--disk {key}: {layer}: {e.Message}", e);
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        foreach (var client in _clients.Values)
        {
            await client.DisposeAsync();
        }

        _clients.Clear();
    }

    private async Task<VimClient> ConnectAsync(DatastoreLayerUrl layer, CancellationToken cancellationToken)
    {
        if (_clients.TryGetValue(layer.Server, out var existing))
        {
            return existing;
        }

        var options = vsphere.Build(parse, layer);
        if (options.InsecureSkipVerify)
        {
            await error.WriteLineAsync($"warning: --vsphere-insecure: the TLS certificate of {layer.Server.Authority} is not verified");
        }

        try
        {
            var client = await VimClient.ConnectAsync(options, null, TimeProvider.System, cancellationToken);
            _clients.Add(layer.Server, client);
            return client;
        }
        catch (HttpRequestException e) when (e.InnerException is AuthenticationException)
        {
            var check = options.Thumbprint is not null ? "the pinned --vsphere-thumbprint"
                : options.CaBundlePem is not null ? "the CA of --vsphere-ca-file"
                : "the system trust store (pass --vsphere-thumbprint or --vsphere-ca-file)";
            throw new IOException($"TLS check of {layer.Server.Authority} failed: its certificate does not match {check}.", e);
        }
        catch (InvalidLoginException e)
        {
            throw new UnauthorizedAccessException($"vSphere login to {layer.Server.Authority} as '{options.Username}' was refused: {e.Message}", e);
        }
    }
}
