using System.IO.MemoryMappedFiles;
using Microsoft.Win32.SafeHandles;
using SnapshotHa.Repository.Storage;

namespace SnapshotHa.Repository.Packs;

/// <summary>
/// A committed pack: its index memory-mapped (a lookup touches only the fan-out slot and one bucket's pages, so
/// opening a pack costs the same whatever its size) and its data file opened on first read. Thread-safe.
/// </summary>
internal sealed unsafe class SealedPack : IDisposable
{
    private readonly MemoryMappedFile _map;
    private readonly MemoryMappedViewAccessor _view;
    private readonly byte* _index;
    private readonly int _indexLength;
    private readonly Lock _openLock = new();
    private SafeFileHandle? _data;
    private bool _disposed;

    private SealedPack(string indexPath, MemoryMappedFile map, MemoryMappedViewAccessor view, byte* index, int indexLength)
    {
        IndexPath = indexPath;
        PackPath = Path.ChangeExtension(indexPath, PackFile.PackExtension);
        Name = Path.GetFileNameWithoutExtension(indexPath);
        _map = map;
        _view = view;
        _index = index;
        _indexLength = indexLength;
        (PackLength, Count) = PackIndexFile.ReadHeader(Index, indexPath);
    }

    public string Name { get; }

    public string IndexPath { get; }

    public string PackPath { get; }

    public long PackLength { get; }

    public int Count { get; }

    private ReadOnlySpan<byte> Index => new(_index, _indexLength);

    /// <summary>Maps the index at <paramref name="indexPath"/>.</summary>
    /// <exception cref="InvalidDataException">The index is malformed.</exception>
    public static SealedPack Open(string indexPath)
    {
        var length = new FileInfo(indexPath).Length;
        if (length < PackIndexFile.SizeOf(0) || length > int.MaxValue)
        {
            throw new InvalidDataException($"Pack index '{indexPath}' has an impossible length of {length} bytes.");
        }

        var map = MemoryMappedFile.CreateFromFile(indexPath, FileMode.Open, null, 0, MemoryMappedFileAccess.Read);
        MemoryMappedViewAccessor? view = null;
        var acquired = false;
        try
        {
            view = map.CreateViewAccessor(0, length, MemoryMappedFileAccess.Read);
            byte* pointer = null;
            view.SafeMemoryMappedViewHandle.AcquirePointer(ref pointer);
            acquired = true;
            return new SealedPack(indexPath, map, view, pointer + view.PointerOffset, (int)length);
        }
        catch
        {
            if (acquired)
            {
                view!.SafeMemoryMappedViewHandle.ReleasePointer();
            }

            view?.Dispose();
            map.Dispose();
            throw;
        }
    }

    public bool TryFind(ContentHash hash, out PackIndexEntry entry)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return PackIndexFile.TryFind(Index, hash, out entry);
    }

    /// <summary>Copies out every entry (in hash order).</summary>
    public PackIndexEntry[] Entries()
    {
        var entries = new PackIndexEntry[Count];
        for (var i = 0; i < entries.Length; i++)
        {
            entries[i] = PackIndexFile.EntryAt(Index, i);
        }

        return entries;
    }

    /// <summary>Fully checks the index (order, bounds, checksum).</summary>
    /// <returns>Null when intact, else what is wrong.</returns>
    public string? CheckIndex()
    {
        try
        {
            PackIndexFile.Parse(Index, IndexPath);
            return null;
        }
        catch (InvalidDataException e)
        {
            return e.Message;
        }
    }

    /// <summary>Reads the encoded bytes of <paramref name="entry"/> into the start of <paramref name="destination"/>.</summary>
    /// <exception cref="InvalidDataException">The entry lies outside the pack, or the pack is missing or short.</exception>
    public void ReadEncoded(PackIndexEntry entry, Span<byte> destination)
    {
        if (entry.Offset < PackFile.HeaderSize || entry.Length < ObjectCodec.HeaderSize || entry.Offset > PackLength - entry.Length ||
            entry.Length > destination.Length)
        {
            throw new InvalidDataException($"Pack index '{IndexPath}' places object {entry.Hash} at [{entry.Offset}, +{entry.Length}), outside the pack or larger than any object.");
        }

        if (RandomAccess.Read(DataHandle(), destination[..entry.Length], entry.Offset) != entry.Length)
        {
            throw new InvalidDataException($"Pack '{PackPath}' is shorter than its index says ({PackLength} bytes).");
        }
    }

    public DateTimeOffset LastWrite() => new(File.GetLastWriteTimeUtc(PackPath), TimeSpan.Zero);

    public void Dispose()
    {
        lock (_openLock)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            _data?.Dispose();
        }

        _view.SafeMemoryMappedViewHandle.ReleasePointer();
        _view.Dispose();
        _map.Dispose();
    }

    private SafeFileHandle DataHandle()
    {
        lock (_openLock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_data is null)
            {
                try
                {
                    _data = File.OpenHandle(PackPath);
                }
                catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
                {
                    throw new InvalidDataException($"Pack '{PackPath}' is missing (its index exists).", e);
                }
            }

            return _data;
        }
    }
}
