using System.Buffers.Binary;

namespace SnapshotHa.Disks.Extents;

/// <summary>The 512-byte SEsparse constant header (all u64; offsets and sizes in sectors).</summary>
internal sealed record SeSparseHeader(
    long CapacitySectors,
    long GrainSectors,
    long GrainTableSectors,
    long VolatileHeaderOffset,
    long DirectoryOffset,
    long DirectorySectors,
    long TablesOffset,
    long TablesSectors,
    long GrainsOffset,
    long GrainsSectors)
{
    /// <summary>The header size in bytes.</summary>
    public const int Size = 512;

    private const ulong Magic = 0xCAFEBABE;
    private const ulong SupportedVersion = 0x0000000200000001;

    /// <summary>Returns whether <paramref name="bytes"/> start with the SEsparse magic.</summary>
    public static bool HasMagic(ReadOnlySpan<byte> bytes) => bytes.Length >= 8 && BinaryPrimitives.ReadUInt64LittleEndian(bytes) == Magic;

    /// <summary>Parses and validates the header.</summary>
    /// <exception cref="InvalidDataException">The header is malformed; the message names <paramref name="name"/>.</exception>
    public static SeSparseHeader Parse(ReadOnlySpan<byte> bytes, string name)
    {
        if (bytes.Length < Size || !HasMagic(bytes))
        {
            throw new InvalidDataException($"{name}: not an SEsparse extent (magic 0xCAFEBABE missing)");
        }

        var version = BinaryPrimitives.ReadUInt64LittleEndian(bytes[8..]);
        if (version != SupportedVersion)
        {
            throw new InvalidDataException($"{name}: SEsparse version 0x{version:x16} is not 2.1");
        }

        var header = new SeSparseHeader(
            Field(bytes, 16, "capacity", name),
            Field(bytes, 24, "grain size", name),
            Field(bytes, 32, "grain table size", name),
            Field(bytes, 80, "volatile header offset", name),
            Field(bytes, 128, "grain directory offset", name),
            Field(bytes, 136, "grain directory size", name),
            Field(bytes, 144, "grain tables offset", name),
            Field(bytes, 152, "grain tables size", name),
            Field(bytes, 192, "grains offset", name),
            Field(bytes, 200, "grains size", name));
        header.Validate(name);
        return header;
    }

    private void Validate(string name)
    {
        if (CapacitySectors > DiskLimits.MaxCapacitySectors)
        {
            throw new InvalidDataException($"{name}: SEsparse capacity {CapacitySectors} sectors exceeds {DiskLimits.MaxCapacitySectors}");
        }

        if (GrainSectors < 1 || GrainSectors > DiskLimits.MaxGrainBytes / 512 || (GrainSectors & (GrainSectors - 1)) != 0)
        {
            throw new InvalidDataException($"{name}: SEsparse grain size {GrainSectors} sectors is not a power of two up to {DiskLimits.MaxGrainBytes / 512}");
        }

        if (GrainTableSectors < 1 || GrainTableSectors * 512 / 8 > DiskLimits.MaxEntriesPerTable)
        {
            throw new InvalidDataException($"{name}: SEsparse grain table size {GrainTableSectors} sectors is outside 1..{DiskLimits.MaxEntriesPerTable * 8 / 512}");
        }

        if (GrainsOffset < 1)
        {
            throw new InvalidDataException($"{name}: SEsparse grains offset is 0");
        }
    }

    /// <summary>Reads a u64 field that must be a sector count the format can hold (below 2^50).</summary>
    private static long Field(ReadOnlySpan<byte> bytes, int offset, string field, string name)
    {
        var value = BinaryPrimitives.ReadUInt64LittleEndian(bytes[offset..]);
        return value < (1UL << 50)
            ? (long)value
            : throw new InvalidDataException($"{name}: SEsparse {field} 0x{value:x} is out of range");
    }
}
