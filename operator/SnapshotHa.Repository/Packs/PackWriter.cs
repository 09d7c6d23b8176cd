using Microsoft.Win32.SafeHandles;
using SnapshotHa.Repository.Storage;

namespace SnapshotHa.Repository.Packs;

/// <summary>
/// Appends encoded objects to a new pack under a temporary name, sequentially: small objects (index pages) through a
/// 4 MiB buffer, chunks with gathered writes (pwritev) straight from the caller's buffers; asks the kernel to start
/// writing back every 16 MiB so that the final fsync finds little left to do. <see cref="Seal"/>
/// fsyncs the pack, renames it into place, then writes its index durably. Disposing an unsealed writer deletes the
/// temporary file. Not thread-safe (the pack store serializes calls).
/// </summary>
internal sealed class PackWriter : IDisposable
{
    private const int BufferSize = 4 << 20;
    private const long WritebackEvery = 16 << 20;
    private const int MaxGathered = 64;
    private static long _counter;

    private readonly string _directory;
    private readonly string _tempPath;
    private readonly SafeFileHandle _handle;
    private readonly byte[] _buffer = new byte[BufferSize];
    private readonly Dictionary<ContentHash, PackIndexEntry> _entries = [];
    private readonly List<ReadOnlyMemory<byte>> _gathered = new(MaxGathered);
    private int _gatheredLength;
    private int _buffered;
    private long _written;
    private long _writebackStart;
    private bool _sealed;

    public PackWriter(string directory)
    {
        _directory = directory;
        _tempPath = Path.Combine(directory, $"pack{AtomicFile.TempMarker}{Environment.ProcessId}-{Interlocked.Increment(ref _counter)}{PackFile.PackExtension}");
        _handle = File.OpenHandle(_tempPath, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.Read);
        PackFile.Header.CopyTo(_buffer);
        _buffered = PackFile.HeaderSize;
    }

    /// <summary>Gets the pack's length so far.</summary>
    public long Length => _written + _buffered + _gatheredLength;

    /// <summary>Gets the number of objects appended.</summary>
    public int Count => _entries.Count;

    public bool TryGet(ContentHash hash, out PackIndexEntry entry) => _entries.TryGetValue(hash, out entry);

    /// <summary>
    /// Appends an encoded object given in two parts (a header and the rest, so a raw object is not copied into a
    /// contiguous buffer first) unless this pack already holds it; returns whether it was appended.
    /// </summary>
    public bool Append(ContentHash hash, ReadOnlySpan<byte> head, ReadOnlySpan<byte> tail)
    {
        ObjectDisposedException.ThrowIf(_sealed, this);
        if (_entries.ContainsKey(hash))
        {
            return false;
        }

        FlushGathered();
        var offset = Length;
        var length = head.Length + tail.Length;
        if (length > BufferSize - _buffered)
        {
            FlushBuffer();
        }

        if (length > BufferSize)
        {
            RandomAccess.Write(_handle, head, _written);
            RandomAccess.Write(_handle, tail, _written + head.Length);
            _written += length;
        }
        else
        {
            head.CopyTo(_buffer.AsSpan(_buffered));
            tail.CopyTo(_buffer.AsSpan(_buffered + head.Length));
            _buffered += length;
        }

        _entries.Add(hash, new PackIndexEntry(hash, offset, length));
        return true;
    }

    /// <summary>
    /// Appends an encoded object without copying it, unless this pack already holds it: its parts are written by a
    /// gathered write at the latest by <see cref="FlushGathered"/>, and must stay unchanged until then.
    /// </summary>
    /// <returns>Whether it was appended.</returns>
    public bool Stage(PackObject item)
    {
        ObjectDisposedException.ThrowIf(_sealed, this);
        if (_entries.ContainsKey(item.Hash))
        {
            return false;
        }

        FlushBuffer();
        if (_gathered.Count + 2 > MaxGathered || _gatheredLength > BufferSize)
        {
            FlushGathered();
        }

        _entries.Add(item.Hash, new PackIndexEntry(item.Hash, Length, item.Length));
        _gathered.Add(item.Head);
        if (!item.Tail.IsEmpty)
        {
            _gathered.Add(item.Tail);
        }

        _gatheredLength += item.Length;
        return true;
    }

    /// <summary>Writes the objects <see cref="Stage"/> holds with one gathered write.</summary>
    public void FlushGathered()
    {
        if (_gathered.Count == 0)
        {
            return;
        }

        RandomAccess.Write(_handle, _gathered, _written);
        _written += _gatheredLength;
        _gathered.Clear();
        _gatheredLength = 0;
        StartWritebackIfDue();
    }

    /// <summary>Reads the encoded bytes of an appended object.</summary>
    public void ReadEncoded(PackIndexEntry entry, Span<byte> destination)
    {
        if (entry.Offset >= _written)
        {
            _buffer.AsSpan((int)(entry.Offset - _written), entry.Length).CopyTo(destination);
            return;
        }

        if (RandomAccess.Read(_handle, destination[..entry.Length], entry.Offset) != entry.Length)
        {
            throw new InvalidDataException($"Pack '{_tempPath}' is shorter than written.");
        }
    }

    /// <summary>
    /// Makes the pack durable and visible: fsync, rename to <c>NAME.pack</c>, fsync the directory, then the index
    /// (temporary file, fsync, rename, directory fsync).
    /// </summary>
    /// <returns>The index path.</returns>
    public string Seal()
    {
        FlushGathered();
        FlushBuffer();
        RandomAccess.FlushToDisk(_handle);
        var index = PackIndexFile.Write(_entries.Values, _written);
        var name = PackFile.NameOf(index);
        var packPath = Path.Combine(_directory, name + PackFile.PackExtension);
        File.Move(_tempPath, packPath, overwrite: true);
        _sealed = true;
        _handle.Dispose();
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
        _handle.Dispose();
        File.Delete(_tempPath);
    }

    private void FlushBuffer()
    {
        if (_buffered == 0)
        {
            return;
        }

        RandomAccess.Write(_handle, _buffer.AsSpan(0, _buffered), _written);
        _written += _buffered;
        _buffered = 0;
        StartWritebackIfDue();
    }

    private void StartWritebackIfDue()
    {
        if (_written - _writebackStart >= WritebackEvery)
        {
            NativeMethods.StartWriteback(_handle, _writebackStart, _written - _writebackStart);
            _writebackStart = _written;
        }
    }
}
