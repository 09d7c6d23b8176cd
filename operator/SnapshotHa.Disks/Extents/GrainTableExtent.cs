using System.Runtime.CompilerServices;
using SnapshotHa.Disks.Sources;

namespace SnapshotHa.Disks.Extents;

/// <summary>
/// Common reader of grain-directory / grain-table formats (KDMV, COWD, SEsparse). Subclasses decode one grain table
/// into normalized entries: <see cref="UnallocatedEntry"/>, <see cref="ZeroEntry"/>, or the grain's byte offset in the
/// file. Tables load lazily into a bounded cache; reads of physically adjacent grains are coalesced.
/// </summary>
internal abstract class GrainTableExtent : IVmdkExtent
{
    /// <summary>Normalized entry of an unallocated grain.</summary>
    protected const long UnallocatedEntry = 0;

    /// <summary>Normalized entry of a zeroed grain.</summary>
    protected const long ZeroEntry = -1;

    /// <summary>Decoded entries the table cache of one extent may hold (128 KiB), at least four tables.</summary>
    private const int CacheEntryBudget = 16384;
    private readonly int _maxCachedTables;
    private readonly Dictionary<long, long[]?> _tables = [];
    private readonly Lock _lock = new();

    protected GrainTableExtent(IRandomAccessSource source, long length, long grainBytes, int entriesPerTable)
    {
        Source = source;
        Length = length;
        GrainBytes = grainBytes;
        EntriesPerTable = entriesPerTable;
        TableSpan = grainBytes * entriesPerTable;
        TableCount = (length + TableSpan - 1) / TableSpan;
        _maxCachedTables = Math.Max(4, CacheEntryBudget / entriesPerTable);
    }

    public long Length { get; }

    /// <summary>Gets the file the extent reads.</summary>
    protected IRandomAccessSource Source { get; }

    /// <summary>Gets the grain size in bytes.</summary>
    protected long GrainBytes { get; }

    /// <summary>Gets the number of entries in one grain table.</summary>
    protected int EntriesPerTable { get; }

    /// <summary>Gets the number of grain tables that cover <see cref="Length"/>.</summary>
    protected long TableCount { get; }

    /// <summary>Gets the virtual bytes one grain table covers.</summary>
    private long TableSpan { get; }

    /// <summary>Gets whether data grains are stored uncompressed (adjacent grains can be read in one call).</summary>
    protected virtual bool RawGrains => true;

    public async ValueTask<BlockStatus> GetStatusAsync(long offset, long maxLength, CancellationToken cancellationToken)
    {
        var end = Math.Min(Length, offset + maxLength);
        var state = StateOf(await EntryAsync(offset / GrainBytes, cancellationToken));
        var position = (offset / GrainBytes + 1) * GrainBytes;
        while (position < end)
        {
            var tableIndex = position / TableSpan;
            var table = await TableAsync(tableIndex, cancellationToken);
            if (table is null)
            {
                if (state != BlockState.Unallocated)
                {
                    break;
                }

                position = (tableIndex + 1) * TableSpan;
                continue;
            }

            var index = (int)(position / GrainBytes % EntriesPerTable);
            while (index < table.Length && position < end && StateOf(table[index]) == state)
            {
                index++;
                position += GrainBytes;
            }

            if (index < table.Length && position < end)
            {
                break;
            }
        }

        return new BlockStatus(state, Math.Min(position, end) - offset);
    }

    public async ValueTask ReadAsync(long offset, Memory<byte> buffer, CancellationToken cancellationToken)
    {
        var done = 0;
        while (done < buffer.Length)
        {
            var position = offset + done;
            var grain = position / GrainBytes;
            var inGrain = (int)(position % GrainBytes);
            var entry = await EntryAsync(grain, cancellationToken);
            var length = (int)Math.Min(GrainBytes - inGrain, buffer.Length - done);
            if (entry <= 0)
            {
                buffer.Span.Slice(done, length).Clear();
            }
            else if (RawGrains)
            {
                var next = grain + 1;
                while (done + length < buffer.Length && await EntryAsync(next, cancellationToken) == entry + ((next - grain) * GrainBytes))
                {
                    length += (int)Math.Min(GrainBytes, buffer.Length - done - length);
                    next++;
                }

                await Source.ReadExactlyAsync(entry + inGrain, buffer.Slice(done, length), "grain data", cancellationToken);
            }
            else
            {
                await ReadGrainAsync(grain, entry, inGrain, buffer.Slice(done, length), cancellationToken);
            }

            done += length;
        }
    }

    public async IAsyncEnumerable<AllocatedRange> EnumerateAllocatedAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var coalescer = new RangeCoalescer();
        await foreach (var (tableIndex, table) in ScanTablesAsync(cancellationToken))
        {
            for (var index = 0; index < table.Length; index++)
            {
                var start = ((tableIndex * EntriesPerTable) + index) * GrainBytes;
                if (start >= Length)
                {
                    break;
                }

                var state = StateOf(table[index]);
                if (state == BlockState.Unallocated)
                {
                    continue;
                }

                var kind = state == BlockState.Data ? ExtentKind.Data : ExtentKind.Zero;
                if (coalescer.Add(new AllocatedRange(start, Math.Min(GrainBytes, Length - start), kind)) is { } closed)
                {
                    yield return closed;
                }
            }
        }

        if (coalescer.Flush() is { } last)
        {
            yield return last;
        }
    }

    /// <summary>
    /// Yields every grain table that may hold allocated entries, ascending; tables without a directory entry are skipped.
    /// Overrides may batch reads and skip all-zero tables.
    /// </summary>
    protected virtual async IAsyncEnumerable<(long Index, long[] Table)> ScanTablesAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        for (long tableIndex = 0; tableIndex < TableCount; tableIndex++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (await LoadTableAsync(tableIndex, cancellationToken) is { } table)
            {
                yield return (tableIndex, table);
            }
        }
    }

    /// <summary>
    /// Scans u32 tables named by a u32 sector <paramref name="directory"/>: tables stored back to back are read in
    /// batches of up to 1 MiB, and all-zero tables are skipped without decoding.
    /// </summary>
    protected async IAsyncEnumerable<(long Index, long[] Table)> ScanU32TablesAsync(
        uint[] directory, Func<uint, long> decode, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var tableBytes = EntriesPerTable * 4;
        var buffer = new byte[Math.Max(tableBytes, 1 << 20)];
        long start = 0;
        while (start < directory.Length)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (directory[start] == 0)
            {
                start++;
                continue;
            }

            var first = (long)directory[start] * 512;
            var run = 1;
            while (start + run < directory.Length && (run + 1) * tableBytes <= buffer.Length
                && (long)directory[start + run] * 512 == first + ((long)run * tableBytes))
            {
                run++;
            }

            await Source.ReadExactlyAsync(first, buffer.AsMemory(0, run * tableBytes), $"grain tables {start}..{start + run - 1}", cancellationToken);
            for (var index = 0; index < run; index++)
            {
                var raw = buffer.AsSpan(index * tableBytes, tableBytes);
                if (raw.IndexOfAnyExcept((byte)0) >= 0)
                {
                    yield return (start + index, DecodeU32(raw, decode));
                }
            }

            start += run;
        }
    }

    /// <summary>Loads and decodes grain table <paramref name="tableIndex"/>; null when the directory has no table for it.</summary>
    /// <exception cref="InvalidDataException">The directory entry or table is malformed.</exception>
    protected abstract ValueTask<long[]?> LoadTableAsync(long tableIndex, CancellationToken cancellationToken);

    /// <summary>Reads part of a stored (non-raw) grain; only called when <see cref="RawGrains"/> is false.</summary>
    protected virtual ValueTask ReadGrainAsync(long grain, long entry, int inGrain, Memory<byte> destination, CancellationToken cancellationToken) =>
        throw new NotSupportedException("Grains of this extent are raw");

    /// <summary>Reads <paramref name="count"/> little-endian u32 directory entries at <paramref name="offset"/> (bounded size).</summary>
    /// <exception cref="InvalidDataException">The directory is too large or lies past the end of the file.</exception>
    protected static async ValueTask<uint[]> ReadDirectoryU32Async(IRandomAccessSource source, long offset, long count, string what, CancellationToken cancellationToken)
    {
        var raw = await source.ReadRegionAsync(offset, count * 4, DiskLimits.MaxDirectoryBytes, what, cancellationToken);
        var directory = new uint[count];
        for (var index = 0; index < directory.Length; index++)
        {
            directory[index] = System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(raw.AsSpan(index * 4));
        }

        return directory;
    }

    /// <summary>Decodes a little-endian u32 grain table region into normalized entries with <paramref name="decode"/>.</summary>
    protected static long[] DecodeU32(ReadOnlySpan<byte> bytes, Func<uint, long> decode)
    {
        var entries = new long[bytes.Length / 4];
        for (var index = 0; index < entries.Length; index++)
        {
            entries[index] = decode(System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(bytes[(index * 4)..]));
        }

        return entries;
    }

    private static BlockState StateOf(long entry) => entry switch
    {
        UnallocatedEntry => BlockState.Unallocated,
        ZeroEntry => BlockState.Zero,
        _ => BlockState.Data,
    };

    private async ValueTask<long> EntryAsync(long grain, CancellationToken cancellationToken)
    {
        var table = await TableAsync(grain / EntriesPerTable, cancellationToken);
        return table is null ? UnallocatedEntry : table[grain % EntriesPerTable];
    }

    private async ValueTask<long[]?> TableAsync(long tableIndex, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (_tables.TryGetValue(tableIndex, out var cached))
            {
                return cached;
            }
        }

        var table = await LoadTableAsync(tableIndex, cancellationToken);
        if (table is not null && table.Length != EntriesPerTable)
        {
            throw new InvalidOperationException($"Grain table decoded to {table.Length} entries instead of {EntriesPerTable}");
        }

        lock (_lock)
        {
            if (_tables.Count >= _maxCachedTables)
            {
                _tables.Clear();
            }

            _tables[tableIndex] = table;
        }

        return table;
    }
}
