using SnapshotHa.Disks;

namespace SnapshotHa.Vim.Datastores;

/// <summary>Datastore file transfer (implemented by <see cref="DatastoreFileClient"/>; fake it in tests).</summary>
public interface IDatastoreFileClient
{
    /// <inheritdoc cref="DatastoreFileClient.GetUrl"/>
    Uri GetUrl(DatastorePath path);

    /// <inheritdoc cref="DatastoreFileClient.GetLengthAsync"/>
    Task<long> GetLengthAsync(DatastorePath path, CancellationToken cancellationToken);

    /// <inheritdoc cref="DatastoreFileClient.DownloadAsync"/>
    Task<long> DownloadAsync(DatastorePath path, Stream destination, long offset, IProgress<long>? progress, CancellationToken cancellationToken);

    /// <inheritdoc cref="DatastoreFileClient.OpenReadAsync"/>
    Task<IRandomAccessSource> OpenReadAsync(DatastorePath path, CancellationToken cancellationToken);

    /// <inheritdoc cref="DatastoreFileClient.CreateExtentResolver"/>
    IExtentResolver CreateExtentResolver(DatastorePath descriptor);

    /// <inheritdoc cref="DatastoreFileClient.UploadAsync"/>
    Task UploadAsync(DatastorePath path, Stream content, CancellationToken cancellationToken);
}
