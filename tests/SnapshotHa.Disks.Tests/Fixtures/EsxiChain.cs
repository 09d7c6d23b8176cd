using SnapshotHa.Disks.Descriptors;
using SnapshotHa.Disks.Tests.Support;

namespace SnapshotHa.Disks.Tests.Fixtures;

/// <summary>The §5 ESXi-style set: a 32 MiB vmfs base filled with 0x11 plus delta descriptors; keeps the expected bytes.</summary>
internal static class EsxiChain
{
    public const long Capacity = 32L << 20;
    public const long Sectors = Capacity / 512;

    /// <summary>Writes base.vmdk + base-flat.vmdk; returns the base's bytes.</summary>
    public static async Task<byte[]> WriteBaseAsync(TempDirectory dir)
    {
        var content = new byte[Capacity];
        content.AsSpan().Fill(0x11);
        await File.WriteAllBytesAsync(dir.File("base-flat.vmdk"), content);
        await File.WriteAllTextAsync(dir.File("base.vmdk"), EsxiDescriptors.Base(Sectors, "base-flat.vmdk"));
        return content;
    }

    public static Task WriteCowdDeltaAsync(TempDirectory dir, string name, CowdBuilder builder) => Task.WhenAll(
        File.WriteAllBytesAsync(dir.File($"{name}-delta.vmdk"), builder.Build()),
        File.WriteAllTextAsync(dir.File($"{name}.vmdk"), EsxiDescriptors.Delta(Sectors, "vmfsSparse", VmdkExtentType.VmfsSparse, $"{name}-delta.vmdk", "base.vmdk")));

    public static Task WriteSeSparseDeltaAsync(TempDirectory dir, string name, SeSparseBuilder builder)
    {
        builder.WriteTo(dir.File($"{name}-sesparse.vmdk"));
        return File.WriteAllTextAsync(dir.File($"{name}.vmdk"), EsxiDescriptors.Delta(Sectors, "seSparse", VmdkExtentType.SeSparse, $"{name}-sesparse.vmdk", "base.vmdk"));
    }

    public static byte[] Filled(int length, byte value)
    {
        var bytes = new byte[length];
        bytes.AsSpan().Fill(value);
        return bytes;
    }
}
