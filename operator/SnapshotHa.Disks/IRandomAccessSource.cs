namespace SnapshotHa.Disks;

/// <summary>
/// Read-only, random-access bytes of one file: a local file, or a datastore file read with HTTP Range requests.
/// Disk-format readers work on this abstraction so a layer can be parsed where it lies, without a staging copy.
/// </summary>
public interface IRandomAccessSource : IAsyncDisposable
{
    /// <summary>Gets a name for error messages (a path or a URL without credentials).</summary>
    string Name { get; }

    /// <summary>Gets the length of the file in bytes.</summary>
    long Length { get; }

    /// <summary>
    /// Reads up to <paramref name="buffer"/>.Length bytes at <paramref name="offset"/>; returns the count read,
    /// which is smaller only at the end of the file.
    /// </summary>
    ValueTask<int> ReadAsync(long offset, Memory<byte> buffer, CancellationToken cancellationToken);
}
