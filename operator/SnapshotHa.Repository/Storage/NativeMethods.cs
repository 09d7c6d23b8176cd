using System.Runtime.InteropServices;

namespace SnapshotHa.Repository.Storage;

/// <summary>The few POSIX calls .NET does not expose: fsync of a directory and syncfs.</summary>
internal static partial class NativeMethods
{
    private const int ReadOnlyDirectory = 0x10000; // O_RDONLY | O_DIRECTORY on Linux

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "fsync", SetLastError = true)]
    private static partial int Fsync(int fd);

    [LibraryImport("libc", EntryPoint = "syncfs", SetLastError = true)]
    private static partial int Syncfs(int fd);

    [LibraryImport("libc", EntryPoint = "sync_file_range", SetLastError = true)]
    private static partial int SyncFileRange(int fd, long offset, long length, uint flags);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    private static partial int Close(int fd);

    /// <summary>Flushes a directory's entries (after a rename into it) to stable storage. No-op off Linux.</summary>
    /// <exception cref="IOException">The directory could not be opened or flushed.</exception>
    public static void FsyncDirectory(string directory) => OnDirectory(directory, Fsync, "fsync");

    /// <summary>Flushes every dirty page of the file system holding <paramref name="directory"/>. No-op off Linux.</summary>
    /// <exception cref="IOException">The file system could not be flushed.</exception>
    public static void SyncFileSystem(string directory) => OnDirectory(directory, Syncfs, "syncfs");

    /// <summary>
    /// Asks the kernel to start writing back a range of a file (sync_file_range with SYNC_FILE_RANGE_WRITE) without
    /// waiting: a hint that spreads the write-back over the writing instead of leaving it all to the final fsync.
    /// No-op off Linux; failures are ignored (the fsync that follows is what guarantees durability).
    /// </summary>
    public static void StartWriteback(Microsoft.Win32.SafeHandles.SafeFileHandle handle, long offset, long length)
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        var added = false;
        handle.DangerousAddRef(ref added);
        try
        {
            _ = SyncFileRange((int)handle.DangerousGetHandle(), offset, length, 2);
        }
        finally
        {
            if (added)
            {
                handle.DangerousRelease();
            }
        }
    }

    private static void OnDirectory(string directory, Func<int, int> call, string what)
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        var fd = Open(directory, ReadOnlyDirectory);
        if (fd < 0)
        {
            throw new IOException($"Could not open directory '{directory}' to {what} it (errno {Marshal.GetLastPInvokeError()}).");
        }

        try
        {
            if (call(fd) != 0)
            {
                throw new IOException($"Could not {what} '{directory}' (errno {Marshal.GetLastPInvokeError()}).");
            }
        }
        finally
        {
            _ = Close(fd);
        }
    }
}
