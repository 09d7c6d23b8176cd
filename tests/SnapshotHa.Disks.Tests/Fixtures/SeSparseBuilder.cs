using System.Buffers.Binary;

namespace SnapshotHa.Disks.Tests.Fixtures;

/// <summary>
/// Writes SEsparse files (tests only) with 4 KiB grains and 4096-entry tables; tables and grains are placed in a
/// shuffled order (by default grain slots up to 8191, so the index's high and low parts both matter).
/// </summary>
internal sealed class SeSparseBuilder(long capacitySectors, int seed = 7, int grainSlots = 8192, int spareTables = 3)
{
    public const int GrainBytes = 4096;
    private const int TableEntries = 4096;
    private const int TableSectors = 64;
    private readonly SortedDictionary<long, (int Type, byte[]? Data)> _grains = [];

    public SeSparseBuilder Write(long offset, byte[] data)
    {
        for (var done = 0; done < data.Length; done += GrainBytes)
        {
            _grains[(offset + done) / GrainBytes] = (3, data.AsSpan(done, GrainBytes).ToArray());
        }

        return this;
    }

    /// <summary>Marks a grain zero (type 2) or unmapped (type 1).</summary>
    public SeSparseBuilder Mark(long grain, int type)
    {
        _grains[grain] = (type, null);
        return this;
    }

    /// <summary>Writes the file to <paramref name="path"/> (sparse on disk).</summary>
    public void WriteTo(string path)
    {
        using var file = new FileStream(path, FileMode.Create, FileAccess.Write);
        WriteTo(file);
    }

    /// <summary>Writes the file to <paramref name="file"/> (seekable).</summary>
    public void WriteTo(Stream file)
    {
        var random = new Random(seed);
        var directoryEntries = (capacitySectors / 8 + TableEntries - 1) / TableEntries;
        var usedTables = _grains.Keys.Select(g => g / TableEntries).Distinct().ToList();
        var tableSlots = Enumerable.Range(0, usedTables.Count + spareTables).OrderBy(_ => random.Next()).ToArray();
        var slots = Enumerable.Range(0, grainSlots).OrderBy(_ => random.Next()).ToArray();
        const long directoryOffset = 8;
        var directorySectors = Math.Max(1, ((directoryEntries * 8) + 511) / 512);
        var tablesOffset = directoryOffset + directorySectors;
        var tablesSectors = (long)tableSlots.Length * TableSectors;
        var bitmapOffset = tablesOffset + tablesSectors;
        var backmapOffset = bitmapOffset + 1;
        var grainsOffset = backmapOffset + 1;
        var grainsSectors = (long)grainSlots * 8;

        file.SetLength((grainsOffset + grainsSectors) * 512);
        var header = new byte[512];
        Put(header, 0, 0xCAFEBABE);
        Put(header, 8, 0x0000000200000001);
        Put(header, 16, (ulong)capacitySectors);
        Put(header, 24, 8);
        Put(header, 32, TableSectors);
        Put(header, 80, 1);
        Put(header, 88, 1);
        Put(header, 96, 2);
        Put(header, 104, 1);
        Put(header, 112, 3);
        Put(header, 120, 5);
        Put(header, 128, directoryOffset);
        Put(header, 136, (ulong)directorySectors);
        Put(header, 144, (ulong)tablesOffset);
        Put(header, 152, (ulong)tablesSectors);
        Put(header, 160, (ulong)bitmapOffset);
        Put(header, 168, 1);
        Put(header, 176, (ulong)backmapOffset);
        Put(header, 184, 1);
        Put(header, 192, (ulong)grainsOffset);
        Put(header, 200, (ulong)grainsSectors);
        WriteAt(file, 0, header);
        var volatileHeader = new byte[512];
        Put(volatileHeader, 0, 0xCAFECAFE);
        WriteAt(file, 512, volatileHeader);

        var directory = new byte[directorySectors * 512];
        var tables = new Dictionary<long, byte[]>();
        for (var index = 0; index < usedTables.Count; index++)
        {
            Put(directory, (int)(usedTables[index] * 8), 0x1000000000000000UL | (uint)tableSlots[index]);
            tables[usedTables[index]] = new byte[TableSectors * 512];
        }

        var nextGrain = 0;
        foreach (var (grain, (type, data)) in _grains)
        {
            var table = tables[grain / TableEntries];
            var slot = (int)(grain % TableEntries * 8);
            if (type != 3)
            {
                Put(table, slot, ((ulong)type << 60) | (type == 1 ? 0x0000000000000123UL : 0));
                continue;
            }

            var grainIndex = (ulong)slots[nextGrain++];
            var entry = 0x3000000000000000UL | ((grainIndex & 0xFFF) << 48) | (grainIndex >> 12);
            Put(table, slot, entry);
            WriteAt(file, (grainsOffset + ((long)grainIndex * 8)) * 512, data!);
        }

        WriteAt(file, directoryOffset * 512, directory);
        for (var index = 0; index < usedTables.Count; index++)
        {
            WriteAt(file, (tablesOffset + ((long)tableSlots[index] * TableSectors)) * 512, tables[usedTables[index]]);
        }
    }

    private static void Put(byte[] buffer, int offset, ulong value) => BinaryPrimitives.WriteUInt64LittleEndian(buffer.AsSpan(offset), value);

    private static void WriteAt(Stream file, long offset, byte[] bytes)
    {
        file.Position = offset;
        file.Write(bytes);
    }
}
