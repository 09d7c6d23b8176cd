using System.Buffers;

namespace SnapshotHa.Repository.Storage;

/// <summary>
/// Content-addressed objects (data chunks and index pages) under <c>objects/</c>, fanned out into 256 directories
/// by the first byte of the hash: <c>objects/ab/ab12…</c>. Objects are immutable; writes are atomic renames.
/// Thread-safe.
/// </summary>
public sealed class ObjectStore : IDisposable
{
    /// <summary>The directory name of the store inside a repository.</summary>
    public const string DirectoryName = "objects";

    private readonly ObjectCodec _codec;
    private readonly bool _fsyncEachObject;

    /// <summary>Opens (and creates if missing) the object store under repository <paramref name="repositoryRoot"/>.</summary>
    public ObjectStore(string repositoryRoot, ObjectStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Root = Path.Combine(repositoryRoot, DirectoryName);
        _codec = new ObjectCodec(options.CompressionLevel);
        _fsyncEachObject = options.FsyncEachObject;
        for (var i = 0; i < 256; i++)
        {
            Directory.CreateDirectory(Path.Combine(Root, i.ToString("x2", System.Globalization.CultureInfo.InvariantCulture)));
        }
    }

    /// <summary>Gets the directory holding the objects.</summary>
    public string Root { get; }

    /// <summary>Gets the path of the file of object <paramref name="hash"/>.</summary>
    public string PathOf(ContentHash hash)
    {
        var hex = hash.ToString();
        return Path.Combine(Root, hex[..2], hex);
    }

    /// <summary>Gets whether object <paramref name="hash"/> is stored.</summary>
    public bool Contains(ContentHash hash) => File.Exists(PathOf(hash));

    /// <summary>
    /// Stores <paramref name="content"/> under <paramref name="hash"/> (its SHA-256) unless already present.
    /// The file is renamed into place but not fsynced: call <see cref="Flush"/> before committing a manifest.
    /// </summary>
    /// <returns>The number of bytes written, 0 when the object was already present.</returns>
    public int Put(ContentHash hash, ReadOnlySpan<byte> content)
    {
        var path = PathOf(hash);
        if (File.Exists(path))
        {
            return 0;
        }

        var buffer = ArrayPool<byte>.Shared.Rent(ObjectCodec.EncodedBound(content.Length));
        try
        {
            var length = _codec.Encode(content, buffer);
            AtomicFile.WriteRenamed(path, buffer.AsSpan(0, length), _fsyncEachObject);
            return length;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Reads and decodes object <paramref name="hash"/> into <paramref name="destination"/>.</summary>
    /// <returns>The content length.</returns>
    /// <exception cref="InvalidDataException">The object is missing, too large or malformed.</exception>
    public int Read(ContentHash hash, Span<byte> destination)
    {
        var path = PathOf(hash);
        var encoded = ReadEncoded(path, out var length);
        try
        {
            return _codec.Decode(encoded.AsSpan(0, length), destination, path);
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
            return actual == hash ? null : $"Object '{PathOf(hash)}' content hashes to {actual}.";
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

        return File.ReadAllBytes(PathOf(hash));
    }

    /// <summary>
    /// Makes every object written so far durable: one syncfs of the store's file system, or (with per-object fsync)
    /// an fsync of each fan-out directory holding the renamed entries.
    /// </summary>
    public void Flush()
    {
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

    /// <summary>Enumerates stored object files (and stale temporary files) with their last-write time.</summary>
    public IEnumerable<StoredObject> Enumerate()
    {
        foreach (var directory in Directory.EnumerateDirectories(Root))
        {
            foreach (var file in new DirectoryInfo(directory).EnumerateFiles())
            {
                var hash = ContentHash.TryParse(file.Name, out var parsed) ? parsed : ContentHash.Zero;
                yield return new StoredObject(hash, file.FullName, file.Length, new DateTimeOffset(file.LastWriteTimeUtc, TimeSpan.Zero));
            }
        }
    }

    /// <summary>Releases the pooled compressors.</summary>
    public void Dispose() => _codec.Dispose();

    private static byte[] ReadEncoded(string path, out int length)
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
