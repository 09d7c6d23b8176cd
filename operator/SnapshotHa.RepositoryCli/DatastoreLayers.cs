using SnapshotHa.Disks;
using SnapshotHa.Disks.Vmdk;
using SnapshotHa.Vim.Datastores;

namespace SnapshotHa.RepositoryCli;

/// <summary>
/// Opens a VMDK layer stored on a datastore for merging: the descriptor and its extents are read with ranged
/// downloads (no staging copy), and only files in the descriptor's own folder are followed.
/// </summary>
public static class DatastoreLayers
{
    /// <summary>Opens the layer whose descriptor is <paramref name="descriptor"/>.</summary>
    /// <param name="datastores">The connected datastore file client.</param>
    /// <param name="descriptor">The layer's descriptor on the datastore.</param>
    /// <param name="wholeChain">True to open the disk as seen through all its parents (a seed); false for the single layer.</param>
    /// <param name="cancellationToken">Cancels the downloads.</param>
    /// <returns>The opened layer; the caller disposes it.</returns>
    /// <exception cref="FileNotFoundException">The descriptor or an extent does not exist on the datastore.</exception>
    /// <exception cref="InvalidDataException">The descriptor or an extent is malformed.</exception>
    /// <exception cref="ArgumentException">The descriptor names a file outside its folder.</exception>
    public static async Task<IDiskLayer> OpenAsync(IDatastoreFileClient datastores, DatastorePath descriptor, bool wholeChain, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(datastores);
        ArgumentNullException.ThrowIfNull(descriptor);
        var resolver = datastores.CreateExtentResolver(descriptor);
        return wholeChain
            ? await VmdkChain.OpenAsync(resolver, descriptor.FileName, cancellationToken)
            : await VmdkLayer.OpenAsync(resolver, descriptor.FileName, cancellationToken);
    }
}
