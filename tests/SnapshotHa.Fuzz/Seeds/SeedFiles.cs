using System.Buffers.Binary;
using SnapshotHa.Disks.Tests.Fixtures;

namespace SnapshotHa.Fuzz.Seeds;

/// <summary>Small valid files of each binary format for the fuzzer's starting corpus.</summary>
public static class SeedFiles
{
    /// <summary>A tiny hosted sparse file: 512-byte grains, 16-entry tables, zeroed-grain flag, two data grains, one zeroed.</summary>
    public static IReadOnlyDictionary<string, byte[]> HostedSparse()
    {
        const int capacitySectors = 64;
        const int entries = 16;
        var file = new byte[512 * 12];
        "KDMV"u8.CopyTo(file);
        BinaryPrimitives.WriteUInt32LittleEndian(file.AsSpan(4), 2);
        BinaryPrimitives.WriteUInt32LittleEndian(file.AsSpan(8), 0x7);
        BinaryPrimitives.WriteInt64LittleEndian(file.AsSpan(12), capacitySectors);
        BinaryPrimitives.WriteInt64LittleEndian(file.AsSpan(20), 1);
        BinaryPrimitives.WriteInt32LittleEndian(file.AsSpan(44), entries);
        BinaryPrimitives.WriteInt64LittleEndian(file.AsSpan(48), 1);
        BinaryPrimitives.WriteInt64LittleEndian(file.AsSpan(56), 2);
        BinaryPrimitives.WriteInt64LittleEndian(file.AsSpan(64), 8);
        file[73] = 0x0a;
        file[74] = 0x20;
        file[75] = 0x0d;
        file[76] = 0x0a;
        for (var table = 0; table < capacitySectors / entries; table++)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(file.AsSpan((2 * 512) + (table * 4)), (uint)(3 + table));
        }

        BinaryPrimitives.WriteUInt32LittleEndian(file.AsSpan(3 * 512), 8);
        BinaryPrimitives.WriteUInt32LittleEndian(file.AsSpan((3 * 512) + 4), 1);
        BinaryPrimitives.WriteUInt32LittleEndian(file.AsSpan((4 * 512) + 8), 9);
        file.AsSpan(8 * 512, 1024).Fill(0x5a);
        return new Dictionary<string, byte[]> { ["sparse.vmdk"] = file };
    }

    /// <summary>A COWD delta with data grains and a zeroed (entry 1) grain.</summary>
    public static IReadOnlyDictionary<string, byte[]> Cowd() => new Dictionary<string, byte[]>
    {
        ["cowd.vmdk"] = new CowdBuilder(256).Write(1024, Filled(1024, 0xab)).Zero(7).Build(),
        ["cowd-g4.vmdk"] = new CowdBuilder(64, grainSectors: 4).Write(2048, Filled(2048, 0xcd)).Build(),
    };

    /// <summary>An SEsparse delta with all four entry types, few grain slots.</summary>
    public static IReadOnlyDictionary<string, byte[]> SeSparse()
    {
        using var stream = new MemoryStream();
        new SeSparseBuilder(1024, grainSlots: 4, spareTables: 0).Write(4096, Filled(4096, 0xee)).Mark(3, 1).Mark(5, 2).WriteTo(stream);
        return new Dictionary<string, byte[]> { ["sesparse.vmdk"] = stream.ToArray() };
    }

    /// <summary>A VMware-style streamOptimized file with the directory at the end.</summary>
    public static IReadOnlyDictionary<string, byte[]> StreamOptimized() => new Dictionary<string, byte[]>
    {
        ["stream.vmdk"] = new StreamOptimizedBuilder(1024).Write(0, Filled(StreamOptimizedBuilder.GrainBytes, 0x42)).Build(),
    };

    private static byte[] Filled(int length, byte value)
    {
        var bytes = new byte[length];
        bytes.AsSpan().Fill(value);
        return bytes;
    }
}
