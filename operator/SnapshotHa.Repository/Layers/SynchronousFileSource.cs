using Microsoft.Win32.SafeHandles;
using SnapshotHa.Disks;

namespace SnapshotHa.Repository.Layers;

/// <summary>
/// A local file read with synchronous positional reads that complete the returned task at once. On Linux, .NET runs
/// "async" reads of regular files as thread-pool work items, one hop per read; a merge issues one read per grain, and
/// on a busy machine those hops cost more than the page-cache reads themselves.
/// </summary>
public sealed class SynchronousFileSource : IRandomAccessSource
{
    private readonly SafeFileHandle _handle;

    /// <summary>Opens <paramref name="path"/> for shared reading.</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    public SynchronousFileSource(string path)
    {
        Name = path;
        _handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete);
        Length = RandomAccess.GetLength(_handle);
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <inheritdoc />
    public long Length { get; }

    /// <inheritdoc />
    public ValueTask<int> ReadAsync(long offset, Memory<byte> buffer, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        cancellationToken.ThrowIfCancellationRequested();
        var total = 0;
        while (total < buffer.Length)
        {
            var read = RandomAccess.Read(_handle, buffer.Span[total..], offset + total);
            if (read == 0)
            {
                break;
            }

            total += read;
        }

        return ValueTask.FromResult(total);
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        _handle.Dispose();
        return ValueTask.CompletedTask;
    }
}
