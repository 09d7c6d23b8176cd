using Microsoft.Win32.SafeHandles;

namespace SnapshotHa.Disks.Sources;

/// <summary>A local file read with <see cref="RandomAccess"/> on one read-only handle; safe for concurrent reads.</summary>
public sealed class FileSource : IRandomAccessSource
{
    private readonly SafeFileHandle _handle;

    private FileSource(string name, SafeFileHandle handle)
    {
        Name = name;
        _handle = handle;
        Length = RandomAccess.GetLength(handle);
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <inheritdoc />
    public long Length { get; }

    /// <summary>Opens <paramref name="path"/> for shared reading.</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="UnauthorizedAccessException">The file cannot be read.</exception>
    public static FileSource Open(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete);
        return new FileSource(path, handle);
    }

    /// <inheritdoc />
    /// <remarks>
    /// Reads synchronously (pread): disk-format readers issue many small reads of metadata and grains, and the
    /// thread-pool hop of asynchronous file reads costs more than a page-cache hit.
    /// </remarks>
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
