using System.Buffers.Binary;
using SnapshotHa.Disks.Sources;

namespace SnapshotHa.Disks.Extents;

/// <summary>
/// An ESXi SEsparse delta extent: u64 grain directory and grain tables; table entry types 0 unallocated,
/// 1 unmapped (zeros), 2 zero, 3 allocated with the shuffled grain index.
/// </summary>
internal sealed class SeSparseExtent : GrainTableExtent
{
    private const ulong VolatileMagic = 0xCAFECAFE;
    private readonly SeSparseHeader _header;
    private readonly ulong[] _directory;

    private SeSparseExtent(IRandomAccessSource source, SeSparseHeader header, long length, ulong[] directory)
        : base(source, length, header.GrainSectors * 512, (int)(header.GrainTableSectors * 512 / 8))
    {
        _header = header;
        _directory = directory;
    }

    /// <summary>Opens the extent; <paramref name="lengthBytes"/> is the descriptor's extent size, or null for the header's.</summary>
    /// <exception cref="InvalidDataException">The headers or directory are malformed, or the journal needs replaying.</exception>
    public static async ValueTask<SeSparseExtent> OpenAsync(IRandomAccessSource source, long? lengthBytes, CancellationToken cancellationToken)
    {
        var bytes = new byte[SeSparseHeader.Size];
        await source.ReadExactlyAsync(0, bytes, "SEsparse header", cancellationToken);
        var header = SeSparseHeader.Parse(bytes, source.Name);
        await source.ReadExactlyAsync(header.VolatileHeaderOffset * 512, bytes, "SEsparse volatile header", cancellationToken);
        if (BinaryPrimitives.ReadUInt64LittleEndian(bytes) != VolatileMagic)
        {
            throw new InvalidDataException($"{source.Name}: SEsparse volatile header magic 0xCAFECAFE missing");
        }

        if (BinaryPrimitives.ReadUInt64LittleEndian(bytes.AsSpan(24)) != 0)
        {
            throw new InvalidDataException($"{source.Name}: SEsparse journal must be replayed first (the disk was not closed cleanly)");
        }

        var capacity = header.CapacitySectors * 512;
        var length = lengthBytes ?? capacity;
        if (length > capacity)
        {
            throw new InvalidDataException($"{source.Name}: descriptor extent of {length} bytes exceeds the SEsparse capacity of {capacity} bytes");
        }

        var tableSpan = header.GrainSectors * 512 * (header.GrainTableSectors * 512 / 8);
        var tables = (length + tableSpan - 1) / tableSpan;
        if (header.DirectorySectors * 512 / 8 < tables)
        {
            throw new InvalidDataException($"{source.Name}: SEsparse grain directory has {header.DirectorySectors * 512 / 8} entries, {tables} needed for {length} bytes");
        }

        var raw = await source.ReadRegionAsync(header.DirectoryOffset * 512, tables * 8, DiskLimits.MaxDirectoryBytes, "SEsparse grain directory", cancellationToken);
        var directory = new ulong[tables];
        for (var index = 0; index < directory.Length; index++)
        {
            directory[index] = BinaryPrimitives.ReadUInt64LittleEndian(raw.AsSpan(index * 8));
        }

        return new SeSparseExtent(source, header, length, directory);
    }

    protected override async ValueTask<long[]?> LoadTableAsync(long tableIndex, CancellationToken cancellationToken)
    {
        var entry = _directory[tableIndex];
        if (entry == 0)
        {
            return null;
        }

        var tableCount = _header.TablesSectors / _header.GrainTableSectors;
        var index = entry & 0x0FFFFFFFFFFFFFFF;
        if (entry >> 60 != 1 || index >= (ulong)tableCount)
        {
            throw new InvalidDataException($"{Source.Name}: SEsparse grain directory entry {tableIndex} (0x{entry:x16}) is not a table among {tableCount}");
        }

        var bytes = new byte[EntriesPerTable * 8];
        var offset = (_header.TablesOffset + ((long)index * _header.GrainTableSectors)) * 512;
        await Source.ReadExactlyAsync(offset, bytes, $"SEsparse grain table {tableIndex}", cancellationToken);
        var entries = new long[EntriesPerTable];
        for (var slot = 0; slot < entries.Length; slot++)
        {
            entries[slot] = Decode(BinaryPrimitives.ReadUInt64LittleEndian(bytes.AsSpan(slot * 8)), tableIndex, slot);
        }

        return entries;
    }

    private long Decode(ulong entry, long tableIndex, int slot)
    {
        switch (entry >> 60)
        {
            case 0 when entry == 0:
                return UnallocatedEntry;
            case 1:
            case 2:
                return ZeroEntry;
            case 3:
                var grainIndex = ((entry & 0x0FFF000000000000) >> 48) | ((entry & 0x0000FFFFFFFFFFFF) << 12);
                var grains = (ulong)(_header.GrainsSectors / _header.GrainSectors);
                if (grainIndex >= grains)
                {
                    throw new InvalidDataException(
                        $"{Source.Name}: SEsparse grain table {tableIndex} entry {slot} points at grain {grainIndex}, past the {grains} grains of the file");
                }

                return (_header.GrainsOffset + ((long)grainIndex * _header.GrainSectors)) * 512;
            default:
                throw new InvalidDataException($"{Source.Name}: SEsparse grain table {tableIndex} entry {slot} (0x{entry:x16}) has an invalid type");
        }
    }
}
