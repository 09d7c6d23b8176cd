using SnapshotHa.Repository.Storage;

namespace SnapshotHa.Repository.Packs;

/// <summary>
/// Appends encoded objects to a new pack under a temporary name, sequentially, through a
/// <see cref="StagedFileWriter"/>: each object is copied into an aligned staging buffer that dedicated threads write
/// to the file with direct I/O while the merge goes on (so a merge neither fills the page cache with its pack nor
/// waits for page-cache allocation and write-back). <see cref="Seal"/> writes the rest and fsyncs the pack, renames
/// it into place, then writes its index durably. Disposing an unsealed writer deletes the temporary file. Not
/// thread-safe (the pack store serializes calls).
/// </summary>
internal sealed class PackWriter : IDisposable
{
    /// <summary>The size of each staging buffer: one transparent huge page (a direct write of it is one device request).</summary>
    private const int BufferSize = AlignedBuffer.HugePageSize;

    /// <summary>The staging buffers: one filling, the others queued for (or in) a device write.</summary>
    private const int Buffers = 8;

    /// <summary>The writes in flight at once (measured on a virtio disk: one write at a time left it a third idle).</summary>
    private const int Writers = 4;

    private static long _counter;

    private readonly string _directory;
    private readonly string _tempPath;
    private readonly StagedFileWriter _file;
    private readonly Dictionary<ContentHash, PackIndexEntry> _entries = [];
    private bool _sealed;

    public PackWriter(string directory)
    {
        _directory = directory;
        _tempPath = Path.Combine(directory, $"pack{AtomicFile.TempMarker}{Environment.ProcessId}-{Interlocked.Increment(ref _counter)}{PackFile.PackExtension}");
        _file = new StagedFileWriter(_tempPath, BufferSize, Buffers, Writers, direct: true);
        _file.Append(PackFile.Header);
    }

    /// <summary>Gets the pack's length so far.</summary>
    public long Length => _file.Length;

    /// <summary>Gets the number of objects appended.</summary>
    public int Count => _entries.Count;

    public bool TryGet(ContentHash hash, out PackIndexEntry entry) => _entries.TryGetValue(hash, out entry);

    /// <summary>
    /// Appends an encoded object given in two parts (a header and the rest, so a raw object is not copied into a
    /// contiguous buffer first) unless this pack already holds it; returns whether it was appended.
    /// </summary>
    /// <exception cref="IOException">Writing the pack failed.</exception>
    public bool Append(ContentHash hash, ReadOnlySpan<byte> head, ReadOnlySpan<byte> tail)
    {
        ObjectDisposedException.ThrowIf(_sealed, this);
        if (_entries.ContainsKey(hash))
        {
            return false;
        }

        var offset = Length;
        _file.Append(head);
        _file.Append(tail);
        _entries.Add(hash, new PackIndexEntry(hash, offset, head.Length + tail.Length));
        return true;
    }

    /// <summary>Reads the encoded bytes of an appended object.</summary>
    /// <exception cref="IOException">Writing the pack failed.</exception>
    public void ReadEncoded(PackIndexEntry entry, Span<byte> destination) => _file.Read(entry.Offset, destination[..entry.Length]);

    /// <summary>
    /// Makes the pack durable and visible: fsync, rename to <c>NAME.pack</c>, fsync the directory, then the index
    /// (temporary file, fsync, rename, directory fsync).
    /// </summary>
    /// <returns>The index path.</returns>
    /// <exception cref="IOException">Writing or syncing the pack or its index failed.</exception>
    public string Seal()
    {
        _file.Complete();
        var index = PackIndexFile.Write(_entries.Values, _file.Length);
        var name = PackFile.NameOf(index);
        var packPath = Path.Combine(_directory, name + PackFile.PackExtension);
        _file.Dispose();
        File.Move(_tempPath, packPath, overwrite: true);
        _sealed = true;
        NativeMethods.FsyncDirectory(_directory);
        var indexPath = Path.Combine(_directory, name + PackFile.IndexExtension);
        AtomicFile.WriteRenamed(indexPath, index, flushToDisk: true);
        NativeMethods.FsyncDirectory(_directory);
        return indexPath;
    }

    public void Dispose()
    {
        if (_sealed)
        {
            return;
        }

        _sealed = true;
        _file.Dispose();
        File.Delete(_tempPath);
    }
}
