using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace SnapshotHa.Disks.Tests.Fixtures;

/// <summary>
/// Writes streamOptimized files the way VMware does (tests only): header with the directory at the end, embedded
/// descriptor, compressed grains behind markers, GT / GD / footer / end-of-stream markers.
/// </summary>
internal sealed class StreamOptimizedBuilder(long capacitySectors)
{
    public const int GrainSectors = 128;
    private const int TableEntries = 512;
    private readonly SortedDictionary<long, byte[]> _grains = [];

    public static int GrainBytes => GrainSectors * 512;

    public StreamOptimizedBuilder Write(long offset, byte[] data)
    {
        for (var done = 0; done < data.Length; done += GrainBytes)
        {
            _grains[(offset + done) / GrainBytes] = data.AsSpan(done, Math.Min(GrainBytes, data.Length - done)).ToArray();
        }

        return this;
    }

    public byte[] Build()
    {
        var output = new MemoryStream();
        var descriptor = Encoding.ASCII.GetBytes(
            $"# Disk DescriptorFile\nversion=1\nCID=12345678\nparentCID=ffffffff\ncreateType=\"streamOptimized\"\n\n# Extent description\nRW {capacitySectors} SPARSE \"stream.vmdk\"\n\n# The Disk Data Base\n#DDB\n\nddb.adapterType = \"lsilogic\"\n");
        const long descriptorSectors = 2;
        var overhead = 1 + descriptorSectors;
        output.Write(Header(HeaderGdAtEnd: true, gdOffset: 0, descriptorSectors, overhead));
        output.Write(Pad(descriptor, descriptorSectors * 512));
        var tableCount = (capacitySectors + ((long)TableEntries * GrainSectors) - 1) / ((long)TableEntries * GrainSectors);
        var tables = new Dictionary<long, uint[]>();
        foreach (var (grain, data) in _grains)
        {
            var sector = output.Position / 512;
            var compressed = new MemoryStream();
            using (var zlib = new ZLibStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
            {
                zlib.Write(data);
            }

            var record = new byte[12 + compressed.Length];
            BinaryPrimitives.WriteUInt64LittleEndian(record, (ulong)(grain * GrainSectors));
            BinaryPrimitives.WriteUInt32LittleEndian(record.AsSpan(8), (uint)compressed.Length);
            compressed.ToArray().CopyTo(record, 12);
            output.Write(Pad(record, (record.Length + 511) / 512 * 512));
            if (!tables.TryGetValue(grain / TableEntries, out var table))
            {
                tables[grain / TableEntries] = table = new uint[TableEntries];
            }

            table[grain % TableEntries] = (uint)sector;
        }

        var directory = new uint[tableCount];
        foreach (var (index, table) in tables.OrderBy(t => t.Key))
        {
            output.Write(Marker(TableEntries * 4 / 512, 1));
            directory[index] = (uint)(output.Position / 512);
            output.Write(Entries(table, TableEntries * 4));
        }

        var directoryBytes = (directory.Length * 4 + 511) / 512 * 512;
        output.Write(Marker(directoryBytes / 512, 2));
        var gdOffset = output.Position / 512;
        output.Write(Entries(directory, directoryBytes));
        output.Write(Marker(1, 3));
        output.Write(Header(HeaderGdAtEnd: false, gdOffset, descriptorSectors, overhead));
        output.Write(Marker(0, 0));
        return output.ToArray();
    }

    private byte[] Header(bool HeaderGdAtEnd, long gdOffset, long descriptorSectors, long overhead)
    {
        var header = new byte[512];
        "KDMV"u8.CopyTo(header);
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(4), 3);
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(8), 0x30001);
        BinaryPrimitives.WriteInt64LittleEndian(header.AsSpan(12), capacitySectors);
        BinaryPrimitives.WriteInt64LittleEndian(header.AsSpan(20), GrainSectors);
        BinaryPrimitives.WriteInt64LittleEndian(header.AsSpan(28), 1);
        BinaryPrimitives.WriteInt64LittleEndian(header.AsSpan(36), descriptorSectors);
        BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(44), TableEntries);
        BinaryPrimitives.WriteUInt64LittleEndian(header.AsSpan(56), HeaderGdAtEnd ? ulong.MaxValue : (ulong)gdOffset);
        BinaryPrimitives.WriteInt64LittleEndian(header.AsSpan(64), overhead);
        header[73] = 0x0a;
        header[74] = 0x20;
        header[75] = 0x0d;
        header[76] = 0x0a;
        BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(77), 1);
        return header;
    }

    private static byte[] Marker(long sectors, uint type)
    {
        var marker = new byte[512];
        BinaryPrimitives.WriteInt64LittleEndian(marker, sectors);
        BinaryPrimitives.WriteUInt32LittleEndian(marker.AsSpan(12), type);
        return marker;
    }

    private static byte[] Entries(uint[] entries, int bytes)
    {
        var buffer = new byte[bytes];
        for (var index = 0; index < entries.Length; index++)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(buffer.AsSpan(index * 4), entries[index]);
        }

        return buffer;
    }

    private static byte[] Pad(byte[] bytes, long length)
    {
        var padded = new byte[length];
        bytes.CopyTo(padded, 0);
        return padded;
    }
}
