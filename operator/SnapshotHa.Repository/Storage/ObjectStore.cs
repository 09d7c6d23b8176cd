using System.Buffers;
using SnapshotHa.Repository.Packs;

namespace SnapshotHa.Repository.Storage;

/// <summary>
/// Content-addressed objects (data chunks and index pages). New objects go into pack files under <c>packs/</c>
/// (<see cref="PackFile"/>; one sequentially written pack per merge, up to the size limit) unless the store is
/// opened in loose mode; loose objects (one file each under <c>objects/</c>, fanned out into 256 directories by the
/// first byte of the hash: <c>objects/ab/ab12…</c>, the layout of format version 1) stay readable either way.
/// Objects are immutable. Thread-safe.
/// </summary>
public sealed class ObjectStore : IDisposable
{
    /// <summary>The directory name of the store inside a repository.</summary>
    public const string DirectoryName = "objects";

    private readonly ObjectCodec _codec;
    private readonly bool _fsyncEachObject;
    private readonly bool _packed;
    private readonly bool _hasLoose;
    private bool _looseWritten;

    /// <summary>
    /// Opens the object store under repository <paramref name="repositoryRoot"/>; in loose mode, creates the
    /// <c>objects/</c> fan-out directories if missing.
    /// </summary>
    public ObjectStore(string repositoryRoot, ObjectStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Root = Path.Combine(repositoryRoot, DirectoryName);
        _codec = new ObjectCodec(options.CompressionLevel);
        _fsyncEachObject = options.FsyncEachObject;
        _packed = options.Packed;
        Packs = new PackStore(Path.Combine(repositoryRoot, PackFile.DirectoryName), options.PackSizeLimit);
        if (!_packed)
        {
            for (var i = 0; i < 256; i++)
            {
                Directory.CreateDirectory(Path.Combine(Root, i.ToString("x2", System.Globalization.CultureInfo.InvariantCulture)));
            }
        }

        _hasLoose = Directory.Exists(Root);
    }

    /// <summary>Gets the directory holding loose objects.</summary>
    public string Root { get; }

    /// <summary>Gets whether new objects go into packs.</summary>
    public bool Packed => _packed;

    /// <summary>Gets the packs.</summary>
    internal PackStore Packs { get; }

    /// <summary>Gets the path of the file of object <paramref name="hash"/>.</summary>
    public string PathOf(ContentHash hash)
    {
        var hex = hash.ToString();
        return Path.Combine(Root, hex[..2], hex);
    }

    /// <summary>Gets whether object <paramref name="hash"/> is stored (in a pack, the pack being written, or loose).</summary>
    public bool Contains(ContentHash hash) => Packs.Contains(hash) || (_hasLoose && File.Exists(PathOf(hash)));

    /// <summary>
    /// Stores <paramref name="content"/> under <paramref name="hash"/> (its SHA-256) unless already present: appended
    /// to the pack being written, or (loose mode) written to its own file and renamed into place. Neither is durable
    /// yet: call <see cref="Flush"/> before committing a manifest.
    /// </summary>
    /// <returns>The number of bytes written, 0 when the object was already present.</returns>
    public int Put(ContentHash hash, ReadOnlySpan<byte> content) =>
        Contains(hash) ? 0 : PutPrepared(hash, content, TryCompress(content, out var length), length);

    /// <summary>Gets whether object <paramref name="hash"/> is committed (in a committed pack or loose), not counting the pack being written.</summary>
    internal bool ContainsCommitted(ContentHash hash) => Packs.ContainsCommitted(hash) || (_hasLoose && File.Exists(PathOf(hash)));

    /// <summary>Compresses an object's content when that pays (see <see cref="ObjectCodec.TryCompress"/>); thread-safe.</summary>
    internal byte[]? TryCompress(ReadOnlySpan<byte> content, out int length) => _codec.TryCompress(content, out length);

    /// <summary>
    /// Stores an object whose compression <see cref="TryCompress"/> already tried, unless the pack being written
    /// holds it; returns <paramref name="compressed"/> to the pool.
    /// </summary>
    /// <returns>The number of bytes written, 0 when the object was already present.</returns>
    internal int PutPrepared(ContentHash hash, ReadOnlySpan<byte> content, byte[]? compressed, int compressedLength)
    {
        try
        {
            Span<byte> header = stackalloc byte[ObjectCodec.HeaderSize];
            ReadOnlySpan<byte> head = header, tail = content;
            if (compressed is null)
            {
                ObjectCodec.WriteRawHeader(header, content.Length);
            }
            else
            {
                head = compressed.AsSpan(0, compressedLength);
                tail = [];
            }

            if (_packed)
            {
                return Packs.Add(hash, head, tail) ? head.Length + tail.Length : 0;
            }

            var encoded = new byte[head.Length + tail.Length];
            head.CopyTo(encoded);
            tail.CopyTo(encoded.AsSpan(head.Length));
            return WriteLoose(hash, encoded);
        }
        finally
        {
            if (compressed is not null)
            {
                ArrayPool<byte>.Shared.Return(compressed);
            }
        }
    }

    /// <summary>
    /// Stores objects whose compression <see cref="TryCompress"/> already tried (each given as its header or
    /// compressed encoding and its raw content, see <see cref="PackObject"/>), in order, skipping those the pack being
    /// written holds: one gathered write per batch, straight from the callers' buffers. Loose mode writes them one by one.
    /// </summary>
    /// <param name="items">The objects (not yet in the committed store).</param>
    /// <param name="written">Receives, per object, the bytes written (0 when it was already present).</param>
    internal void PutGathered(IReadOnlyList<PackObject> items, Span<int> written)
    {
        ArgumentNullException.ThrowIfNull(items);
        if (_packed)
        {
            Packs.AddGathered(items, written);
            return;
        }

        for (var i = 0; i < items.Count; i++)
        {
            var encoded = new byte[items[i].Length];
            items[i].Head.Span.CopyTo(encoded);
            items[i].Tail.Span.CopyTo(encoded.AsSpan(items[i].Head.Length));
            written[i] = Contains(items[i].Hash) ? 0 : WriteLoose(items[i].Hash, encoded);
        }
    }

    /// <summary>Reads and decodes object <paramref name="hash"/> into <paramref name="destination"/>.</summary>
    /// <returns>The content length.</returns>
    /// <exception cref="InvalidDataException">The object is missing, too large or malformed.</exception>
    public int Read(ContentHash hash, Span<byte> destination)
    {
        var encoded = ReadEncoded(hash, out var length, out var name);
        try
        {
            return _codec.Decode(encoded.AsSpan(0, length), destination, name);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(encoded);
        }
    }

    /// <summary>Reads object <paramref name="hash"/> and checks that its content hashes to its name.</summary>
    /// <param name="hash">The object.</param>
    /// <param name="maxLength">The largest content length the object may have (a chunk or page size).</param>
    /// <returns>Null when intact, else what is wrong.</returns>
    public string? Check(ContentHash hash, int maxLength)
    {
        var content = ArrayPool<byte>.Shared.Rent(maxLength);
        try
        {
            var length = Read(hash, content);
            var actual = ContentHash.Compute(content.AsSpan(0, length));
            return actual == hash ? null : $"Object {hash} content hashes to {actual}.";
        }
        catch (InvalidDataException e)
        {
            return e.Message;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(content);
        }
    }

    /// <summary>Reads object <paramref name="hash"/>'s file as stored (encoded), after checking it re-hashes to its name.</summary>
    /// <exception cref="InvalidDataException">The object is missing or corrupt.</exception>
    public byte[] ReadVerifiedFile(ContentHash hash, int maxLength)
    {
        if (Check(hash, maxLength) is { } problem)
        {
            throw new InvalidDataException(problem);
        }

        var encoded = ReadEncoded(hash, out var length, out _);
        try
        {
            return encoded.AsSpan(0, length).ToArray();
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(encoded);
        }
    }

    /// <summary>
    /// Makes every object written so far durable: commits the pack being written (fsync of the pack, then its index);
    /// for loose objects, one syncfs of the store's file system, or (with per-object fsync) an fsync of each fan-out
    /// directory holding the renamed entries.
    /// </summary>
    public void Flush()
    {
        Packs.Seal();
        if (!_looseWritten)
        {
            return;
        }

        _looseWritten = false;
        if (!_fsyncEachObject)
        {
            NativeMethods.SyncFileSystem(Root);
            return;
        }

        foreach (var directory in Directory.EnumerateDirectories(Root))
        {
            NativeMethods.FsyncDirectory(directory);
        }
    }

    /// <summary>
    /// Enumerates stored objects with their last-write time: loose object files (and stale temporary files), then
    /// every object of every committed pack (its path is the pack's, with <see cref="StoredObject.Offset"/> set).
    /// </summary>
    public IEnumerable<StoredObject> Enumerate()
    {
        foreach (var pack in Packs.Sealed)
        {
            var lastWrite = pack.LastWrite();
            foreach (var entry in pack.Entries())
            {
                yield return new StoredObject(entry.Hash, pack.PackPath, entry.Length, lastWrite) { Offset = entry.Offset };
            }
        }

        if (!Directory.Exists(Root))
        {
            yield break;
        }

        foreach (var directory in Directory.EnumerateDirectories(Root))
        {
            foreach (var file in new DirectoryInfo(directory).EnumerateFiles())
            {
                var hash = ContentHash.TryParse(file.Name, out var parsed) ? parsed : ContentHash.Zero;
                yield return new StoredObject(hash, file.FullName, file.Length, new DateTimeOffset(file.LastWriteTimeUtc, TimeSpan.Zero));
            }
        }
    }

    private int WriteLoose(ContentHash hash, byte[] encoded)
    {
        AtomicFile.WriteRenamed(PathOf(hash), encoded, _fsyncEachObject);
        _looseWritten = true;
        return encoded.Length;
    }

    /// <summary>Releases the pooled compressors.</summary>
    public void Dispose()
    {
        Packs.Dispose();
        _codec.Dispose();
    }

    private byte[] ReadEncoded(ContentHash hash, out int length, out string name)
    {
        var bound = ObjectCodec.EncodedBound(ObjectStoreOptions.MaxObjectSize);
        var packedLength = Packs.EncodedLength(hash);
        if (packedLength > bound)
        {
            throw new InvalidDataException($"Object {hash} is {packedLength} bytes in its pack, larger than any valid object.");
        }

        if (packedLength >= 0)
        {
            var buffer = ArrayPool<byte>.Shared.Rent(packedLength);
            try
            {
                length = Packs.TryReadEncoded(hash, buffer);
                if (length >= 0)
                {
                    name = hash.ToString();
                    return buffer;
                }
            }
            catch
            {
                ArrayPool<byte>.Shared.Return(buffer);
                throw;
            }

            ArrayPool<byte>.Shared.Return(buffer);
        }

        name = PathOf(hash);
        return ReadLooseFile(name, out length);
    }

    private static byte[] ReadLooseFile(string path, out int length)
    {
        SafeFileHandleScope handle;
        try
        {
            handle = new SafeFileHandleScope(File.OpenHandle(path));
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new InvalidDataException($"Object '{path}' is missing.", e);
        }

        using (handle)
        {
            var fileLength = RandomAccess.GetLength(handle.Handle);
            if (fileLength > ObjectCodec.EncodedBound(ObjectStoreOptions.MaxObjectSize))
            {
                throw new InvalidDataException($"Object '{path}' is {fileLength} bytes, larger than any valid object.");
            }

            var buffer = ArrayPool<byte>.Shared.Rent((int)fileLength);
            length = RandomAccess.Read(handle.Handle, buffer.AsSpan(0, (int)fileLength), 0);
            return buffer;
        }
    }
}
