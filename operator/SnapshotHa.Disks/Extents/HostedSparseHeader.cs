using System.Buffers.Binary;

namespace SnapshotHa.Disks.Extents;

/// <summary>The 512-byte "KDMV" SparseExtentHeader of hosted sparse and streamOptimized files.</summary>
internal sealed record HostedSparseHeader(
    uint Version,
    uint Flags,
    long CapacitySectors,
    long GrainSectors,
    long DescriptorOffset,
    long DescriptorSize,
    int EntriesPerTable,
    ulong RedundantDirectoryOffset,
    ulong DirectoryOffset,
    long OverheadSectors,
    ushort CompressAlgorithm)
{
    /// <summary>The header size in bytes.</summary>
    public const int Size = 512;

    /// <summary>The <see cref="DirectoryOffset"/> of a streamOptimized file whose directory follows the grains.</summary>
    public const ulong DirectoryAtEnd = ulong.MaxValue;

    private const uint ZeroedGrainFlag = 1 << 2;
    private const uint MarkersFlag = 1 << 17;

    /// <summary>Gets whether a grain table entry of 1 marks a zeroed grain.</summary>
    public bool HasZeroedGrains => (Flags & ZeroedGrainFlag) != 0;

    /// <summary>Gets whether grains are deflate-compressed (streamOptimized).</summary>
    public bool IsCompressed => CompressAlgorithm == 1;

    /// <summary>Gets whether grains are preceded by a 12-byte marker (lba, size).</summary>
    public bool HasMarkers => (Flags & MarkersFlag) != 0;

    /// <summary>Gets the grain size in bytes.</summary>
    public long GrainBytes => GrainSectors * 512;

    /// <summary>Returns whether <paramref name="bytes"/> start with the magic "KDMV".</summary>
    public static bool HasMagic(ReadOnlySpan<byte> bytes) => bytes.Length >= 4 && bytes[..4].SequenceEqual("KDMV"u8);

    /// <summary>Parses and validates a header.</summary>
    /// <exception cref="InvalidDataException">The header is malformed; the message names <paramref name="name"/>.</exception>
    public static HostedSparseHeader Parse(ReadOnlySpan<byte> bytes, string name)
    {
        if (bytes.Length < Size || !HasMagic(bytes))
        {
            throw new InvalidDataException($"{name}: not a hosted sparse extent (magic 'KDMV' missing)");
        }

        var header = new HostedSparseHeader(
            BinaryPrimitives.ReadUInt32LittleEndian(bytes[4..]),
            BinaryPrimitives.ReadUInt32LittleEndian(bytes[8..]),
            BinaryPrimitives.ReadInt64LittleEndian(bytes[12..]),
            BinaryPrimitives.ReadInt64LittleEndian(bytes[20..]),
            BinaryPrimitives.ReadInt64LittleEndian(bytes[28..]),
            BinaryPrimitives.ReadInt64LittleEndian(bytes[36..]),
            BinaryPrimitives.ReadInt32LittleEndian(bytes[44..]),
            BinaryPrimitives.ReadUInt64LittleEndian(bytes[48..]),
            BinaryPrimitives.ReadUInt64LittleEndian(bytes[56..]),
            BinaryPrimitives.ReadInt64LittleEndian(bytes[64..]),
            BinaryPrimitives.ReadUInt16LittleEndian(bytes[77..]));
        header.Validate(name);
        return header;
    }

    private void Validate(string name)
    {
        if (Version is < 1 or > 3)
        {
            throw new InvalidDataException($"{name}: sparse header version {Version} is not 1, 2 or 3");
        }

        if (CapacitySectors is < 0 or > DiskLimits.MaxCapacitySectors)
        {
            throw new InvalidDataException($"{name}: sparse header capacity {CapacitySectors} sectors is outside 0..{DiskLimits.MaxCapacitySectors}");
        }

        if (GrainSectors < 1 || GrainSectors > DiskLimits.MaxGrainBytes / 512 || (GrainSectors & (GrainSectors - 1)) != 0)
        {
            throw new InvalidDataException($"{name}: grain size {GrainSectors} sectors is not a power of two up to {DiskLimits.MaxGrainBytes / 512}");
        }

        if (EntriesPerTable is < 1 or > DiskLimits.MaxEntriesPerTable)
        {
            throw new InvalidDataException($"{name}: {EntriesPerTable} grain table entries is outside 1..{DiskLimits.MaxEntriesPerTable}");
        }

        if (CompressAlgorithm > 1)
        {
            throw new InvalidDataException($"{name}: unknown compression algorithm {CompressAlgorithm}");
        }

        if (DescriptorOffset < 0 || DescriptorSize < 0)
        {
            throw new InvalidDataException($"{name}: embedded descriptor offset {DescriptorOffset} or size {DescriptorSize} is negative");
        }
    }
}
