using SnapshotHa.Disks;

namespace SnapshotHa.Vim.Datastores;

/// <summary>
/// A datastore file as an <see cref="IRandomAccessSource"/>: reads are HTTP Range requests (resumed after a dropped
/// connection) of at least <see cref="ReadAheadBytes"/>, and the last block fetched is kept, so the many small reads
/// of disk-format parsers (headers, grain tables, 512-byte grains) cost few requests. Thread-safe.
/// </summary>
public sealed class DatastoreFileSource : IRandomAccessSource
{
    /// <summary>The smallest block fetched per request (1 MiB).</summary>
    public const int ReadAheadBytes = 1024 * 1024;

    private readonly DatastoreFileClient _client;
    private Block? _cached;

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
        var block = _cached;
        if (block is null || offset < block.Offset || offset + count > block.Offset + block.Data.Length)
        {
            block = await FetchAsync(offset, Math.Max(count, ReadAheadBytes), cancellationToken);
            _cached = block;
        }

        block.Data.AsMemory((int)(offset - block.Offset), count).CopyTo(buffer);
        return count;
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private async Task<Block> FetchAsync(long offset, int size, CancellationToken cancellationToken)
    {
        var data = new byte[(int)Math.Min(size, Length - offset)];
        var filled = 0;
        await _client.CopyRangeAsync(
            Path,
            offset,
            offset + data.Length,
            (chunk, _) =>
            {
                chunk.CopyTo(data.AsMemory(filled));
                filled += chunk.Length;
                return ValueTask.CompletedTask;
            },
            cancellationToken);
        return new Block(offset, data);
    }

    private sealed record Block(long Offset, byte[] Data);
}
