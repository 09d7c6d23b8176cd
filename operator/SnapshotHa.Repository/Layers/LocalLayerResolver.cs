using SnapshotHa.Disks;
using SnapshotHa.Disks.Sources;
using SnapshotHa.Disks.Vmdk;

namespace SnapshotHa.Repository.Layers;

/// <summary>
/// Opens layer files in one local directory with <see cref="SynchronousFileSource"/>, using
/// <see cref="DirectoryExtentResolver"/>'s checks that names never escape the directory.
/// </summary>
public sealed class LocalLayerResolver(string directory) : IExtentResolver
{
    private readonly DirectoryExtentResolver _names = new(directory);

    /// <summary>Opens the single VMDK layer (no parents) at <paramref name="path"/>.</summary>
    /// <exception cref="FileNotFoundException">The file or one of its extents does not exist.</exception>
    /// <exception cref="InvalidDataException">A file is malformed.</exception>
    public static Task<IDiskLayer> OpenLayerAsync(string path, CancellationToken cancellationToken)
    {
        var full = Path.GetFullPath(path);
        return VmdkLayer.OpenAsync(new LocalLayerResolver(Path.GetDirectoryName(full)!), Path.GetFileName(full), cancellationToken);
    }

    /// <inheritdoc />
    public ValueTask<IRandomAccessSource> OpenAsync(string relativeName, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var path = _names.ResolvePath(relativeName);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"'{path}' does not exist.", path);
        }

        return ValueTask.FromResult<IRandomAccessSource>(new SynchronousFileSource(path));
    }
}
