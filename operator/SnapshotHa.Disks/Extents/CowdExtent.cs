using System.Buffers.Binary;
using SnapshotHa.Disks.Sources;

namespace SnapshotHa.Disks.Extents;

/// <summary>
/// An ESXi vmfsSparse "COWD" delta extent: 2048-byte header, u32 grain directory, grain tables of 4096 u32 entries;
/// entry 0 = unallocated, 1 = zeroed grain (as ESXi tools treat it; qemu misreads it), otherwise the grain's sector.
/// </summary>
internal sealed class CowdExtent : GrainTableExtent
{
    /// <summary>The number of entries in a COWD grain table (fixed by the format).</summary>
    public const int EntriesPerCowdTable = 4096;

    private const int HeaderBytes = 2048;
    private readonly uint[] _directory;

    private CowdExtent(IRandomAccessSource source, long length, long grainBytes, uint[] directory)
        : base(source, length, grainBytes, EntriesPerCowdTable)
    {
        _directory = directory;
    }

    /// <summary>Returns whether <paramref name="bytes"/> start with the magic "COWD".</summary>
    public static bool HasMagic(ReadOnlySpan<byte> bytes) => bytes.Length >= 4 && bytes[..4].SequenceEqual("COWD"u8);

    /// <summary>Opens the extent; <paramref name="lengthBytes"/> is the descriptor's extent size, or null for the header's.</summary>
    /// <exception cref="InvalidDataException">The header or directory is malformed.</exception>
    public static async ValueTask<CowdExtent> OpenAsync(IRandomAccessSource source, long? lengthBytes, CancellationToken cancellationToken)
    {
        var header = new byte[HeaderBytes];
        await source.ReadExactlyAsync(0, header, "COWD header", cancellationToken);
        if (!HasMagic(header))
        {
            throw new InvalidDataException($"{source.Name}: not a vmfsSparse extent (magic 'COWD' missing)");
        }

        var version = BinaryPrimitives.ReadUInt32LittleEndian(header.AsSpan(4));
        long sectors = BinaryPrimitives.ReadUInt32LittleEndian(header.AsSpan(12));
        long grainSectors = BinaryPrimitives.ReadUInt32LittleEndian(header.AsSpan(16));
        long directorySector = BinaryPrimitives.ReadUInt32LittleEndian(header.AsSpan(20));
        long directoryEntries = BinaryPrimitives.ReadUInt32LittleEndian(header.AsSpan(24));
        if (version != 1)
        {
            throw new InvalidDataException($"{source.Name}: COWD version {version} is not 1");
        }

        if (grainSectors < 1 || grainSectors > DiskLimits.MaxGrainBytes / 512)
        {
            throw new InvalidDataException($"{source.Name}: COWD grain size {grainSectors} sectors is outside 1..{DiskLimits.MaxGrainBytes / 512}");
        }

        var length = lengthBytes ?? sectors * 512;
        if (length > sectors * 512)
        {
            throw new InvalidDataException($"{source.Name}: descriptor extent of {length} bytes exceeds the COWD capacity of {sectors * 512} bytes");
        }

        var tableSpan = grainSectors * 512 * EntriesPerCowdTable;
        var tables = (length + tableSpan - 1) / tableSpan;
        if (directoryEntries < tables)
        {
            throw new InvalidDataException($"{source.Name}: COWD grain directory has {directoryEntries} entries, {tables} needed for {length} bytes");
        }

        var directory = await ReadDirectoryU32Async(source, directorySector * 512, tables, "COWD grain directory", cancellationToken);

        return new CowdExtent(source, length, grainSectors * 512, directory);
    }

    protected override async ValueTask<long[]?> LoadTableAsync(long tableIndex, CancellationToken cancellationToken)
    {
        var sector = _directory[tableIndex];
        if (sector == 0)
        {
            return null;
        }

        var bytes = new byte[EntriesPerCowdTable * 4];
        await Source.ReadExactlyAsync((long)sector * 512, bytes, $"COWD grain table {tableIndex}", cancellationToken);
        return DecodeU32(bytes, DecodeEntry);
    }

    protected override IAsyncEnumerable<(long Index, long[] Table)> ScanTablesAsync(CancellationToken cancellationToken) =>
        ScanU32TablesAsync(_directory, DecodeEntry, cancellationToken);

    private static long DecodeEntry(uint entry) => entry switch
    {
        0 => UnallocatedEntry,
        1 => ZeroEntry,
        _ => (long)entry * 512,
    };
}
