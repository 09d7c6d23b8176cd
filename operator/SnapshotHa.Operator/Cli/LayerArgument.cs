using SnapshotHa.Disks;
using SnapshotHa.Disks.Vmdk;

namespace SnapshotHa.Operator.Cli;

/// <summary>A <c>--disk KEY=LAYER</c> argument of <c>snapshotha merge</c>.</summary>
/// <param name="Key">The disk key.</param>
/// <param name="Layer">The layer: a local VMDK descriptor or monolithic sparse file.</param>
public sealed record LayerArgument(string Key, string Layer)
{
    /// <summary>Parses <c>KEY=LAYER</c>.</summary>
    /// <exception cref="FormatException">The text has no <c>=</c>, or an empty key or layer.</exception>
    public static LayerArgument Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var separator = text.IndexOf('=', StringComparison.Ordinal);
        if (separator <= 0 || separator == text.Length - 1)
        {
            throw new FormatException($"--disk '{text}' is not KEY=LAYER (for example scsi0:0=/data/vm-000001.vmdk).");
        }

        return new LayerArgument(text[..separator], text[(separator + 1)..]);
    }

    /// <summary>Opens the layer (one VMDK layer, without its parents); a datastore URL is streamed through <paramref name="datastores"/>.</summary>
    /// <exception cref="FormatException">The layer is a malformed datastore URL.</exception>
    /// <exception cref="FileNotFoundException">The file or one of its extents does not exist.</exception>
    /// <exception cref="InvalidDataException">The file is malformed.</exception>
    public async Task<IDiskLayer> OpenAsync(DatastoreConnections datastores, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(datastores);
        if (DatastoreLayerUrl.IsUrl(Layer))
        {
            return await datastores.OpenLayerAsync(Key, DatastoreLayerUrl.Parse(Layer, $"--disk {Key}"), cancellationToken);
        }

        if (!File.Exists(Layer))
        {
            throw new FileNotFoundException($"--disk {Key}: layer file '{Layer}' does not exist.", Layer);
        }

        try
        {
            return await VmdkLayer.OpenFileAsync(Layer, cancellationToken);
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException($"--disk {Key}: {e.Message}", e);
        }
    }
}
