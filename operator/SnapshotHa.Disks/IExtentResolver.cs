namespace SnapshotHa.Disks;

/// <summary>
/// Opens the files a VMDK descriptor names (extents, parents) relative to the descriptor's location: a local
/// directory, or a datastore folder. Implementations must refuse names that escape that location.
/// </summary>
public interface IExtentResolver
{
    /// <summary>Opens <paramref name="relativeName"/> (a file name from a descriptor) for reading.</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    ValueTask<IRandomAccessSource> OpenAsync(string relativeName, CancellationToken cancellationToken);
}
