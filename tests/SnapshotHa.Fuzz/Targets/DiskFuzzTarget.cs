using System.Buffers.Binary;
using SnapshotHa.Disks;
using SnapshotHa.Disks.Sources;
using SnapshotHa.Disks.Vmdk;
using SnapshotHa.Fuzz.Seeds;

namespace SnapshotHa.Fuzz.Targets;

/// <summary>
/// Opens the input as one binary disk layer (its magic forced to the target's format so mutations stay in it),
/// enumerates allocated ranges and reads some of them and the start of the disk.
/// </summary>
public sealed class DiskFuzzTarget(DiskFormat format) : IFuzzTarget
{
    private const int MaxRanges = 4096;
    private const int MaxReads = 16;
    private const int MaxReadBytes = 64 << 10;

    /// <inheritdoc />
    public string Name => format switch
    {
        DiskFormat.Kdmv => "kdmv",
        DiskFormat.Cowd => "cowd",
        DiskFormat.SeSparse => "sesparse",
        _ => "streamoptimized",
    };

    /// <inheritdoc />
    public void Run(ReadOnlySpan<byte> input)
    {
        var bytes = input.ToArray();
        ForceMagic(bytes);
        try
        {
            RunAsync(bytes).AsTask().GetAwaiter().GetResult();
        }
        catch (InvalidDataException)
        {
            // Malformed input reported as such: the expected outcome.
        }
        catch (FileNotFoundException)
        {
            // An embedded descriptor named an extent file the harness does not have: the documented outcome.
        }
    }

    /// <inheritdoc />
    public IReadOnlyDictionary<string, byte[]> Seeds() => format switch
    {
        DiskFormat.Kdmv => SeedFiles.HostedSparse(),
        DiskFormat.Cowd => SeedFiles.Cowd(),
        DiskFormat.SeSparse => SeedFiles.SeSparse(),
        _ => SeedFiles.StreamOptimized(),
    };

    private static async ValueTask RunAsync(byte[] bytes)
    {
        var resolver = new MemoryExtentResolver(new Dictionary<string, byte[]> { ["fuzz.vmdk"] = bytes });
        await using (var layer = await VmdkLayer.OpenAsync(resolver, "fuzz.vmdk", CancellationToken.None))
        {
            await ExerciseAsync(layer);
        }

        await using var chain = await VmdkChain.OpenAsync(resolver, "fuzz.vmdk", CancellationToken.None);
        await ExerciseAsync(chain);
    }

    /// <summary>Reads the start, enumerates allocated ranges (checking their order) and reads some of them.</summary>
    private static async ValueTask ExerciseAsync(IDiskLayer layer)
    {
        var buffer = new byte[MaxReadBytes];
        await layer.ReadAsync(0, buffer.AsMemory(0, (int)Math.Min(buffer.Length, layer.Capacity)), CancellationToken.None);
        var ranges = 0;
        var reads = 0;
        AllocatedRange? previous = null;
        await foreach (var range in layer.EnumerateAllocatedAsync(CancellationToken.None))
        {
            if (range.Offset < (previous?.End ?? 0) || range.Length <= 0 || range.End > layer.Capacity
                || (previous is { } last && last.End == range.Offset && last.Kind == range.Kind))
            {
                throw new InvalidOperationException($"Allocated range {range} after {previous} is out of order, not coalesced or outside the {layer.Capacity}-byte disk");
            }

            previous = range;
            if (reads++ < MaxReads)
            {
                await layer.ReadAsync(range.Offset, buffer.AsMemory(0, (int)Math.Min(range.Length, buffer.Length)), CancellationToken.None);
            }

            if (++ranges >= MaxRanges)
            {
                break;
            }
        }
    }

    private void ForceMagic(byte[] bytes)
    {
        switch (format)
        {
            case DiskFormat.Cowd when bytes.Length >= 4:
                "COWD"u8.CopyTo(bytes);
                break;
            case DiskFormat.SeSparse when bytes.Length >= 8:
                BinaryPrimitives.WriteUInt64LittleEndian(bytes, 0xCAFEBABE);
                break;
            case DiskFormat.Kdmv or DiskFormat.StreamOptimized when bytes.Length >= 4:
                "KDMV"u8.CopyTo(bytes);
                break;
        }
    }
}
