using System.Buffers.Binary;

namespace SnapshotHa.Disks.Tests.Fixtures;

/// <summary>Writes vmfsSparse "COWD" delta files (tests only): header at sector 0, directory at sector 4, tables then grains appended.</summary>
internal sealed class CowdBuilder(long capacitySectors, int grainSectors = 1)
{
    private const int TableEntries = 4096;
    private readonly SortedDictionary<long, byte[]?> _grains = [];

    public int GrainBytes => grainSectors * 512;

    /// <summary>Stores <paramref name="data"/> (whole grains) at <paramref name="offset"/>.</summary>
    public CowdBuilder Write(long offset, byte[] data)
    {
        for (var done = 0; done < data.Length; done += GrainBytes)
        {
            _grains[(offset + done) / GrainBytes] = data.AsSpan(done, GrainBytes).ToArray();
        }

        return this;
    }

    /// <summary>Marks grain <paramref name="grain"/> with table entry 1 (zeroed grain).</summary>
    public CowdBuilder Zero(long grain)
    {
        _grains[grain] = null;
        return this;
    }

    public byte[] Build()
    {
        var tableSectors = TableEntries * 4 / 512;
        var directoryEntries = (capacitySectors + ((long)TableEntries * grainSectors) - 1) / ((long)TableEntries * grainSectors);
        var directorySectors = ((directoryEntries * 4) + 511) / 512;
        var tables = _grains.Keys.Select(g => g / TableEntries).Distinct().ToList();
        var next = 4 + directorySectors;
        var tableSector = new Dictionary<long, long>();
        foreach (var table in tables)
        {
            tableSector[table] = next;
            next += tableSectors;
        }

        var grainSector = new Dictionary<long, long>();
        foreach (var (grain, data) in _grains)
        {
            if (data is not null)
            {
                grainSector[grain] = next;
                next += grainSectors;
            }
        }

        var file = new byte[next * 512];
        "COWD"u8.CopyTo(file);
        BinaryPrimitives.WriteUInt32LittleEndian(file.AsSpan(4), 1);
        BinaryPrimitives.WriteUInt32LittleEndian(file.AsSpan(8), 3);
        BinaryPrimitives.WriteUInt32LittleEndian(file.AsSpan(12), (uint)capacitySectors);
        BinaryPrimitives.WriteUInt32LittleEndian(file.AsSpan(16), (uint)grainSectors);
        BinaryPrimitives.WriteUInt32LittleEndian(file.AsSpan(20), 4);
        BinaryPrimitives.WriteUInt32LittleEndian(file.AsSpan(24), (uint)directoryEntries);
        BinaryPrimitives.WriteUInt32LittleEndian(file.AsSpan(28), (uint)next);
        foreach (var (table, sector) in tableSector)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(file.AsSpan((int)((4 * 512) + (table * 4))), (uint)sector);
        }

        foreach (var (grain, data) in _grains)
        {
            var entryAt = (tableSector[grain / TableEntries] * 512) + (grain % TableEntries * 4);
            var entry = data is null ? 1u : (uint)grainSector[grain];
            BinaryPrimitives.WriteUInt32LittleEndian(file.AsSpan((int)entryAt), entry);
            data?.CopyTo(file.AsSpan((int)(grainSector[grain] * 512)));
        }

        return file;
    }
}
