using SnapshotHa.Disks;

namespace SnapshotHa.Vim.Datastores;

/// <summary>
/// Opens the files a VMDK descriptor names (extents, parents) in the descriptor's datastore folder. Absolute names
/// (<c>/vmfs/volumes/…</c>, <c>[ds] …</c>) and names with folder parts or <c>..</c> are refused: a chain is only
/// followed inside its own folder.
/// </summary>
public sealed class DatastoreExtentResolver : IExtentResolver
{
    private readonly DatastoreFileClient _client;
    private readonly DatastorePath _descriptor;

    internal DatastoreExtentResolver(DatastoreFileClient client, DatastorePath descriptor)
    {
        _client = client;
        _descriptor = descriptor;
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentException">The name is absolute or leaves the descriptor's folder.</exception>
    public async ValueTask<IRandomAccessSource> OpenAsync(string relativeName, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(relativeName);
        if (relativeName.IndexOfAny(['/', '\\', ':']) >= 0 || relativeName.StartsWith('[') || relativeName is "." or "..")
        {
            throw new ArgumentException(
                $"Extent name '{relativeName}' in {_descriptor} must be a plain file name in the descriptor's folder.",
                nameof(relativeName));
        }

        var path = _descriptor.Sibling(relativeName);
        return await _client.OpenReadAsync(path, cancellationToken);
    }
}
