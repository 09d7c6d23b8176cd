using Microsoft.Win32.SafeHandles;

namespace SnapshotHa.Repository.Storage;

/// <summary>Disposes a file handle opened in a try block whose catch must not cover the using body.</summary>
internal readonly record struct SafeFileHandleScope(SafeFileHandle Handle) : IDisposable
{
    public void Dispose() => Handle.Dispose();
}
