namespace SnapshotHa.Repository.Storage;

/// <summary>Writes whole files so that a reader sees either the old state or the complete new file.</summary>
public static class AtomicFile
{
    /// <summary>The marker in temporary file names; garbage collection removes stale ones.</summary>
    public const string TempMarker = ".tmp-";

    private static long _counter;

    /// <summary>
    /// Writes <paramref name="content"/> to a temporary file beside <paramref name="path"/>, fsyncs it, renames it
    /// over <paramref name="path"/> and fsyncs the directory.
    /// </summary>
    /// <exception cref="IOException">The file could not be written or made durable.</exception>
    public static async Task WriteDurableAsync(string path, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(directory);
        var temp = TempPathFor(path);
        try
        {
            await using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.Asynchronous))
            {
                await stream.WriteAsync(content, cancellationToken);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temp, path, overwrite: true);
        }
        catch
        {
            File.Delete(temp);
            throw;
        }

        NativeMethods.FsyncDirectory(directory);
    }

    /// <summary>
    /// Writes <paramref name="content"/> to a temporary file and renames it into place, fsyncing the file first only
    /// when <paramref name="flushToDisk"/> is set: otherwise callers make a batch of such files durable at once with
    /// <see cref="NativeMethods.SyncFileSystem"/> before committing.
    /// </summary>
    internal static void WriteRenamed(string path, ReadOnlySpan<byte> content, bool flushToDisk)
    {
        var temp = TempPathFor(path);
        try
        {
            using (var handle = File.OpenHandle(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                RandomAccess.Write(handle, content, 0);
                if (flushToDisk)
                {
                    RandomAccess.FlushToDisk(handle);
                }
            }

            File.Move(temp, path, overwrite: true);
        }
        catch
        {
            File.Delete(temp);
            throw;
        }
    }

    private static string TempPathFor(string path) =>
        $"{path}{TempMarker}{Environment.ProcessId}-{Environment.CurrentManagedThreadId}-{Interlocked.Increment(ref _counter)}";
}
