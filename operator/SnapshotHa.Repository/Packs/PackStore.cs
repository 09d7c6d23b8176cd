using SnapshotHa.Repository.Storage;

namespace SnapshotHa.Repository.Packs;

/// <summary>
/// The packs of a repository (<c>packs/</c>): the committed packs, found through their memory-mapped indexes (loaded
/// on the first lookup, so a merge that looks nothing up opens none), and the one pack being written. Lookups check
/// the pack being written, then committed packs newest first. Thread-safe.
/// </summary>
internal sealed class PackStore(string root, long sizeLimit) : IDisposable
{
    private readonly Lock _lock = new();
    private SealedPack[]? _sealed;
    private PackWriter? _writer;

    public string Root { get; } = root;

    /// <summary>Gets the committed packs (loading their indexes if not yet loaded).</summary>
    public IReadOnlyList<SealedPack> Sealed => _sealed ?? Load();

    /// <summary>Gets whether an object is in a committed pack or the pack being written.</summary>
    public bool Contains(ContentHash hash) => TryLocate(hash, out _, out _) || InWriter(hash);

    /// <summary>Gets whether an object is in a committed pack (not looking at the pack being written).</summary>
    public bool ContainsCommitted(ContentHash hash) => TryLocate(hash, out _, out _);

    /// <summary>
    /// Appends an encoded object (<paramref name="head"/> then <paramref name="tail"/>) to the pack being written
    /// unless it holds it already; committed packs are not looked at (callers check them first).
    /// </summary>
    /// <returns>Whether it was appended.</returns>
    public bool Add(ContentHash hash, ReadOnlySpan<byte> head, ReadOnlySpan<byte> tail)
    {
        lock (_lock)
        {
            return AddLocked(hash, head, tail);
        }
    }

    /// <summary>
    /// Appends encoded objects, in order, to the pack being written (copied into its staging buffers), skipping
    /// those it already holds; committed packs are not looked at (callers check them first). The objects' buffers
    /// are only read during the call.
    /// </summary>
    /// <param name="items">The objects.</param>
    /// <param name="written">Receives, per object, the encoded bytes appended (0 when the pack already held it).</param>
    public void AddGathered(IReadOnlyList<PackObject> items, Span<int> written)
    {
        ArgumentNullException.ThrowIfNull(items);
        lock (_lock)
        {
            for (var i = 0; i < items.Count; i++)
            {
                written[i] = AddLocked(items[i].Hash, items[i].Head.Span, items[i].Tail.Span) ? items[i].Length : 0;
            }
        }
    }

    /// <summary>Reads an object's encoded bytes into <paramref name="destination"/>; returns the length, or -1 when no pack holds it.</summary>
    public int TryReadEncoded(ContentHash hash, Span<byte> destination)
    {
        if (TryLocate(hash, out var pack, out var entry))
        {
            pack!.ReadEncoded(entry, destination);
            return entry.Length;
        }

        lock (_lock)
        {
            if (_writer is not null && _writer.TryGet(hash, out entry))
            {
                _writer.ReadEncoded(entry, destination);
                return entry.Length;
            }
        }

        return -1;
    }

    /// <summary>Gets the encoded length of an object, or -1 when no pack holds it.</summary>
    public int EncodedLength(ContentHash hash)
    {
        if (TryLocate(hash, out _, out var entry))
        {
            return entry.Length;
        }

        lock (_lock)
        {
            return _writer is not null && _writer.TryGet(hash, out entry) ? entry.Length : -1;
        }
    }

    /// <summary>Commits the pack being written (if any): durable pack, then durable index.</summary>
    /// <returns>Whether a pack was committed.</returns>
    public bool Seal()
    {
        lock (_lock)
        {
            return SealLocked();
        }
    }

    /// <summary>Forgets the loaded indexes (after packs were deleted); the next lookup reloads them.</summary>
    public void Reload()
    {
        lock (_lock)
        {
            foreach (var pack in _sealed ?? [])
            {
                pack.Dispose();
            }

            _sealed = null;
        }
    }

    public void Dispose()
    {
        lock (_lock)
        {
            _writer?.Dispose();
            _writer = null;
        }

        Reload();
    }

    /// <summary>Appends to the pack being written, first sealing it if the object would take it past the size limit.</summary>
    private bool AddLocked(ContentHash hash, ReadOnlySpan<byte> head, ReadOnlySpan<byte> tail)
    {
        if (_writer is not null && _writer.Length + head.Length + tail.Length > sizeLimit && _writer.Count > 0)
        {
            SealLocked();
        }

        if (_writer is null)
        {
            Directory.CreateDirectory(Root);
            _writer = new PackWriter(Root);
        }

        return _writer.Append(hash, head, tail);
    }

    private bool InWriter(ContentHash hash)
    {
        lock (_lock)
        {
            return _writer is not null && _writer.TryGet(hash, out _);
        }
    }

    private bool TryLocate(ContentHash hash, out SealedPack? pack, out PackIndexEntry entry)
    {
        var packs = _sealed ?? Load();
        for (var i = packs.Length - 1; i >= 0; i--)
        {
            if (packs[i].TryFind(hash, out entry))
            {
                pack = packs[i];
                return true;
            }
        }

        pack = null;
        entry = default;
        return false;
    }

    private bool SealLocked()
    {
        if (_writer is null)
        {
            return false;
        }

        using var writer = _writer;
        _writer = null;
        if (writer.Count == 0)
        {
            return false;
        }

        var indexPath = writer.Seal();
        var packs = _sealed ?? LoadLocked();
        _sealed = [.. packs, SealedPack.Open(indexPath)];
        return true;
    }

    private SealedPack[] Load()
    {
        lock (_lock)
        {
            return _sealed ?? LoadLocked();
        }
    }

    private SealedPack[] LoadLocked()
    {
        var packs = new List<SealedPack>();
        if (Directory.Exists(Root))
        {
            // Oldest first, so lookups (newest first) find recent objects sooner.
            foreach (var index in new DirectoryInfo(Root).EnumerateFiles("*" + PackFile.IndexExtension).OrderBy(f => f.LastWriteTimeUtc).ThenBy(f => f.Name, StringComparer.Ordinal))
            {
                if (!index.Name.Contains(AtomicFile.TempMarker, StringComparison.Ordinal))
                {
                    packs.Add(SealedPack.Open(index.FullName));
                }
            }
        }

        _sealed = [.. packs];
        return _sealed;
    }
}
