using SnapshotHa.Disks;
using SnapshotHa.Disks.Vmdk;

namespace SnapshotHa.RepositoryCli;

/// <summary>A <c>--disk KEY=LAYER</c> (or <c>--disk-chain KEY=LAYER</c>) argument of <c>snapshotha merge</c>.</summary>
/// <param name="Key">The disk key.</param>
/// <param name="Layer">The layer: a local VMDK descriptor or monolithic sparse file, or a datastore URL.</param>
/// <param name="WholeChain">True to read the layer with all its parents (<c>--disk-chain</c>), false for the one layer.</param>
public sealed record LayerArgument(string Key, string Layer, bool WholeChain = false)
{
    /// <summary>Parses <c>KEY=LAYER</c>.</summary>
    /// <param name="text">The option value.</param>
    /// <param name="wholeChain">True for <c>--disk-chain</c>.</param>
    /// <exception cref="FormatException">The text has no <c>=</c>, or an empty key or layer.</exception>
    public static LayerArgument Parse(string text, bool wholeChain = false)
    {
        ArgumentNullException.ThrowIfNull(text);
        var separator = text.IndexOf('=', StringComparison.Ordinal);
        if (separator <= 0 || separator == text.Length - 1)
        {
            throw new FormatException($"{(wholeChain ? "--disk-chain" : "--disk")} '{text}' is not KEY=LAYER (for example scsi0:0=/data/vm-000001.vmdk).");
        }

        return new LayerArgument(text[..separator], text[(separator + 1)..], wholeChain);
    }

    /// <summary>
    /// Opens the layer (one VMDK layer, or with all its parents for <see cref="WholeChain"/>); a datastore URL is
    /// streamed through <paramref name="datastores"/>.
    /// </summary>
    /// <exception cref="FormatException">The layer is a malformed datastore URL.</exception>
    /// <exception cref="FileNotFoundException">The file or one of its extents does not exist.</exception>
    /// <exception cref="InvalidDataException">The file is malformed.</exception>
    public async Task<IDiskLayer> OpenAsync(DatastoreConnections datastores, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(datastores);
        if (DatastoreLayerUrl.IsUrl(Layer))
        {
            return await datastores.OpenLayerAsync(Key, DatastoreLayerUrl.Parse(Layer, $"--disk {Key}"), WholeChain, cancellationToken);
        }

        if (!File.Exists(Layer))
        {
            throw new FileNotFoundException($"--disk {Key}: layer file '{Layer}' does not exist.", Layer);
        }

        try
        {
            return WholeChain
                ? await VmdkChain.OpenFileAsync(Layer, cancellationToken)
                : await VmdkLayer.OpenFileAsync(Layer, cancellationToken);
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException($"--disk {Key}: {e.Message}", e);
        }
    }
}
