using System.Runtime.InteropServices;

namespace SnapshotHa.Repository.Storage;

/// <summary>The few POSIX calls .NET does not expose: fsync of a directory, syncfs, sync_file_range, O_DIRECT.</summary>
internal static partial class NativeMethods
{
    private const int WriteOnlyCloseOnExec = 0x80001; // O_WRONLY | O_CLOEXEC on Linux

    // O_RDONLY | O_DIRECTORY on Linux: O_DIRECTORY is 0200000 on x86 and 040000 on ARM (where 0200000 is O_DIRECT).
    private static readonly int ReadOnlyDirectory = RuntimeInformation.ProcessArchitecture is Architecture.Arm64 or Architecture.Arm ? 0x4000 : 0x10000;

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "fsync", SetLastError = true)]
    private static partial int Fsync(int fd);

    [LibraryImport("libc", EntryPoint = "syncfs", SetLastError = true)]
    private static partial int Syncfs(int fd);

    [LibraryImport("libc", EntryPoint = "sync_file_range", SetLastError = true)]
    private static partial int SyncFileRange(int fd, long offset, long length, uint flags);

    [LibraryImport("libc", EntryPoint = "fallocate", SetLastError = true)]
    private static partial int Fallocate(int fd, int mode, long offset, long length);

    [LibraryImport("libc", EntryPoint = "madvise", SetLastError = true)]
    private static partial int Madvise(nint address, nuint length, int advice);

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
    public static void StartWriteback(Microsoft.Win32.SafeHandles.SafeFileHandle handle, long offset, long length) =>
        OnHandle(handle, fd => SyncFileRange(fd, offset, length, 2));

    /// <summary>
    /// Opens an existing file a second time for writing with direct I/O (<c>O_DIRECT</c>: no page cache; offsets,
    /// lengths and buffers must be aligned). Returns null where that is unavailable: off Linux, on an architecture whose
    /// flag value is not known here, or on a file system that refuses it (tmpfs before Linux 6.6, some FUSE and network
    /// file systems).
    /// </summary>
    public static Microsoft.Win32.SafeHandles.SafeFileHandle? TryOpenDirectWrite(string path)
    {
        if (!OperatingSystem.IsLinux())
        {
            return null;
        }

        var direct = RuntimeInformation.ProcessArchitecture switch
        {
            Architecture.X64 or Architecture.X86 => 0x4000,
            Architecture.Arm64 or Architecture.Arm => 0x10000,
            _ => 0,
        };
        if (direct == 0)
        {
            return null;
        }

        var fd = Open(path, WriteOnlyCloseOnExec | direct);
        return fd < 0 ? null : new Microsoft.Win32.SafeHandles.SafeFileHandle(fd, ownsHandle: true);
    }

    /// <summary>
    /// Allocates a file's blocks in [offset, offset + length) (fallocate mode 0: unwritten extents; the size grows to
    /// cover them). A hint: no-op off Linux, failures ignored (a write that then lacks space fails on its own).
    /// </summary>
    public static void Preallocate(Microsoft.Win32.SafeHandles.SafeFileHandle handle, long offset, long length) =>
        OnHandle(handle, fd => Fallocate(fd, 0, offset, length));

    /// <summary>Calls <paramref name="call"/> with the file descriptor of <paramref name="handle"/>, ignoring its result; no-op off Linux.</summary>
    private static void OnHandle(Microsoft.Win32.SafeHandles.SafeFileHandle handle, Func<int, int> call)
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        var added = false;
        handle.DangerousAddRef(ref added);
        try
        {
            _ = call((int)handle.DangerousGetHandle());
        }
        finally
        {
            if (added)
            {
                handle.DangerousRelease();
            }
        }
    }

    /// <summary>Asks for transparent huge pages for a range (madvise MADV_HUGEPAGE). A hint: no-op off Linux, failures ignored.</summary>
    public static void AdviseHugePages(nint address, int length)
    {
        if (OperatingSystem.IsLinux())
        {
            _ = Madvise(address, (nuint)length, 14);
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
