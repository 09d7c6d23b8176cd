using SnapshotHa.Disks;

namespace SnapshotHa.Vim.Datastores;

/// <summary>
/// A datastore file as an <see cref="IRandomAccessSource"/>: every read is an HTTP Range request (resumed after a
/// dropped connection), so disk-format readers parse a layer where it lies, without a staging copy.
/// </summary>
public sealed class DatastoreFileSource : IRandomAccessSource
{
    private readonly DatastoreFileClient _client;

    internal DatastoreFileSource(DatastoreFileClient client, DatastorePath path, long length)
    {
        _client = client;
        Path = path;
        Length = length;
    }

    /// <summary>Gets the datastore path.</summary>
    public DatastorePath Path { get; }

    /// <inheritdoc />
    public string Name => Path.ToString();

    /// <inheritdoc />
    public long Length { get; }

    /// <inheritdoc />
    public async ValueTask<int> ReadAsync(long offset, Memory<byte> buffer, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        if (offset >= Length || buffer.IsEmpty)
        {
            return 0;
        }

        var count = (int)Math.Min(buffer.Length, Length - offset);
        var filled = 0;
        await _client.CopyRangeAsync(
            Path,
            offset,
            offset + count,
            (chunk, _) =>
            {
                chunk.CopyTo(buffer[filled..]);
                filled += chunk.Length;
                return ValueTask.CompletedTask;
            },
            cancellationToken);
        return filled;
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
